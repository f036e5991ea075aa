/// Simplification under the assumption that some variables are positive, as SymPy's `Symbol(positive=True)`:
/// where the data show every value of an input to be positive, `sqrt(q^2/e^2)` is `q/e`. Only what positivity of the
/// variables proves is used: a power of a positive product distributes over its factors, and `Abs(u)` of a positive
/// `u` is `u`, `sign(u)` is 1; `Abs(v - c)` stays as it is.
public extension Expr {
    /// Whether the expression is positive wherever the `positive` variables are: positive numbers and named
    /// constants, those variables, `exp` of anything, and sums, products and powers of positive parts.
    func isPositive(assuming positive: Set<String>) -> Bool {
        switch self {
        case .constant(let value): return value > 0
        case .named: return true
        case .variable(let name): return positive.contains(name)
        case .sum(let sum):
            return sum.constant >= 0 && sum.terms.allSatisfy { $0.coefficient > 0 && $0.expr.isPositive(assuming: positive) }
                && (sum.constant > 0 || !sum.terms.isEmpty)
        case .product(let product):
            return product.coefficient > 0 && product.factors.allSatisfy { $0.base.isPositive(assuming: positive) }
        case .function(let function, let argument):
            switch function {
            case .exp: return true
            case .abs: return argument.isPositive(assuming: positive)
            default: return false
            }
        }
    }

    /// The expression simplified with `positive` variables assumed positive, and whether that changed it. Only
    /// an expression with something to rewrite is simplified again (simplifying a large formula can take long).
    func simplified(assumingPositive positive: Set<String>) -> (expr: Expr, changed: Bool) {
        guard !positive.isEmpty else { return (self, false) }
        var rewrote = false
        let rewritten = transformedBottomUp { node in
            guard let replacement = Self.rewritten(node, positive) else { return node }
            rewrote = true
            return replacement
        }
        guard rewrote else { return (self, false) }
        let simplified = rewritten.simplified()
        return (simplified, simplified != self)
    }

    /// The node as positivity of the variables rewrites it, or nil when it does not.
    private static func rewritten(_ node: Expr, _ positive: Set<String>) -> Expr? {
        switch node {
        case .function(.abs, let argument) where argument.isPositive(assuming: positive):
            return argument
        case .function(.sign, let argument) where argument.isPositive(assuming: positive):
            return 1
        case .product(let product) where product.factors.contains(where: { distributes($0, positive) }):
            var parts: [Expr] = [.constant(product.coefficient)]
            for factor in product.factors {
                guard distributes(factor, positive), case .product(let inner) = factor.base else {
                    parts.append(.power(factor.base, factor.exponent))
                    continue
                }
                parts.append(.power(.constant(inner.coefficient), factor.exponent))
                parts += inner.factors.map { Expr.power($0.base, $0.exponent * factor.exponent) }
            }
            return Expr.product(parts)
        default:
            return nil
        }
    }

    /// A factor `(c * prod b_i^e_i)^p` of a positive product: `c^p * prod b_i^(e_i p)` for any `p`.
    private static func distributes(_ factor: Factor, _ positive: Set<String>) -> Bool {
        guard case .product(let inner) = factor.base, !factor.exponent.isNumber(1) else { return false }
        return factor.base.isPositive(assuming: positive) && inner.coefficient > 0
    }
}
