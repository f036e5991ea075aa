import Foundation

/// The standard rewrite rules. Identities that hold for every real value (`x + 0`, `x * 1`, `x^1`, `x^0`, like
/// terms, numeric folding, integer powers of products) are already done by the canonical constructors; these
/// are the rewrites that need a guard, look across several nodes, or fold functions.
extension RewriteRule {
    /// All standard rules, in the order the runner tries them.
    public static let standard: [RewriteRule] = [
        foldFunction, distributeNumber, oddFunctionOfNegative, evenFunctionOfNegative, powerOfNegative, powerOfEvenPower,
        powerOfPower, powerOfProduct, expOfLog, expOfLogSum, logOfExp, logOfPower, absOfNonNegative, productOfExps,
        expOfShiftedSum, trigonometricShiftByPi, pythagorean,
    ]

    /// `f(number) => number` when `f` is defined there.
    public static let foldFunction = RewriteRule(name: "fold-function", summary: "f(c) => value, if defined") { expr in
        guard case .function(let function, .constant(let value)) = expr,
              case .success(let result) = function.evaluate(value) else { return nil }
        return .constant(result)
    }

    /// `c*(a + b) => c*a + c*b` for a number `c` (construction keeps `2*(x + 1)` as it is, to stay
    /// associative; printed, the distributed form reads as SymPy's).
    public static let distributeNumber = RewriteRule(
        name: "distribute-number", summary: "c*(a + b) => c*a + c*b"
    ) { expr in
        guard case .product(let product) = expr, product.factors.count == 1, product.factors[0].exponent.isNumber(1),
              case .sum = product.factors[0].base else { return nil }
        return Expr.sum(product.factors[0].base.additiveParts.map { .constant(product.coefficient) * $0 })
    }

    /// `f(-u) => -f(u)` for odd `f` (sin, tan, tanh, asin, atan, atanh, sign).
    public static let oddFunctionOfNegative = RewriteRule(
        name: "odd-function-of-negative", summary: "f(-u) => -f(u), f odd"
    ) { expr in
        guard case .function(let function, let argument) = expr, function.parity == .odd,
              Guards.couldExtractMinusSign(argument) else { return nil }
        return -Expr.apply(function, argument.negated)
    }

    /// `f(-u) => f(u)` for even `f` (cos, abs).
    public static let evenFunctionOfNegative = RewriteRule(
        name: "even-function-of-negative", summary: "f(-u) => f(u), f even"
    ) { expr in
        guard case .function(let function, let argument) = expr, function.parity == .even,
              Guards.couldExtractMinusSign(argument) else { return nil }
        return Expr.apply(function, argument.negated)
    }

    /// `(-u)^n => (-1)^n * u^n` for integer `n`: `(0.54 - x)^2 => (x - 0.54)^2`.
    public static let powerOfNegative = RewriteRule(
        name: "power-of-negative", summary: "(-u)^n => (-1)^n u^n, n integer"
    ) { expr in
        guard case .product(let product) = expr else { return nil }
        var changed = false
        var parts: [Expr] = [.constant(product.coefficient)]
        for factor in product.factors {
            if Guards.isInteger(factor.exponent), Guards.couldExtractMinusSign(factor.base),
               let n = factor.exponent.numericValue {
                changed = true
                parts.append(.constant(Guards.isEvenInteger(factor.exponent) ? 1 : -1))
                parts.append(.power(factor.base.negated, .constant(n)))
            } else {
                parts.append(.power(factor.base, factor.exponent))
            }
        }
        return changed ? Expr.product(parts) : nil
    }

    /// `(c*u^(2k))^e => c^e * abs(u)^(2k*e)`: `sqrt(x^2)` is `abs(x)`, `(x^2)^1.5` is `abs(x)^3`.
    public static let powerOfEvenPower = RewriteRule(
        name: "power-of-even-power", summary: "(u^(2k))^e => abs(u)^(2k*e)"
    ) { expr in
        rewriteFactors(of: expr) { factor in
            guard Guards.isNonIntegerNumber(factor.exponent), case .product(let inner) = factor.base,
                  inner.factors.count == 1, inner.coefficient > 0,
                  Guards.isEvenInteger(inner.factors[0].exponent) else { return nil }
            let base = inner.factors[0].base
            let absolute = Guards.isNonNegative(base) ? base : Expr.apply(.abs, base)
            return Expr.power(.constant(inner.coefficient), factor.exponent)
                * .power(absolute, inner.factors[0].exponent * factor.exponent)
        }
    }

    /// `(u^a)^b => u^(a*b)` when `u >= 0` (integer `b` is done by construction).
    public static let powerOfPower = RewriteRule(
        name: "power-of-power", summary: "(u^a)^b => u^(a*b), u >= 0"
    ) { expr in
        rewriteFactors(of: expr) { factor in
            guard case .product(let inner) = factor.base, inner.coefficient == 1, inner.factors.count == 1,
                  Guards.isNonNegative(inner.factors[0].base) else { return nil }
            return .power(inner.factors[0].base, inner.factors[0].exponent * factor.exponent)
        }
    }

    /// `(c * u^m * v^n)^b => c^b * u^(m*b) * v^(n*b)` when `c` and every base is non-negative (integer `b`
    /// is done by construction).
    public static let powerOfProduct = RewriteRule(
        name: "power-of-product", summary: "(u*v)^b => u^b * v^b, u, v >= 0"
    ) { expr in
        rewriteFactors(of: expr) { factor in
            guard case .product(let inner) = factor.base, inner.coefficient >= 0,
                  inner.factors.allSatisfy({ Guards.isNonNegative($0.base) }) else { return nil }
            let parts = [Expr.power(.constant(inner.coefficient), factor.exponent)]
                + inner.factors.map { Expr.power($0.base, $0.exponent * factor.exponent) }
            return Expr.product(parts)
        }
    }

    /// `exp(log(u)) => u` and `exp(c*log(u)) => u^c` (the left side is defined only for `u > 0`).
    public static let expOfLog = RewriteRule(name: "exp-of-log", summary: "exp(c*log(u)) => u^c") { expr in
        guard case .function(.exp, let argument) = expr else { return nil }
        if case .function(.log, let inner) = argument { return inner }
        if case .product(let product) = argument, product.factors.count == 1,
           product.factors[0].exponent.isNumber(1), case .function(.log, let inner) = product.factors[0].base {
            return .power(inner, .constant(product.coefficient))
        }
        return nil
    }

    /// `exp(c*log(u) + v) => u^c * exp(v)`: the log terms of an exponent leave it as powers (the left side is
    /// defined only for `u > 0`), so a law fitted in log space, `exp(log(m) + 2*log(v) - 0.69)`, is `0.5*m*v^2`.
    public static let expOfLogSum = RewriteRule(name: "exp-of-log-sum", summary: "exp(c*log(u) + v) => u^c*exp(v)") { expr in
        guard case .function(.exp, .sum(let sum)) = expr else { return nil }
        var powers: [Expr] = [], rest: [Expr] = [.constant(sum.constant)]
        for term in sum.terms {
            if case .function(.log, let inner) = term.expr {
                powers.append(.power(inner, .constant(term.coefficient)))
            } else {
                rest.append(.constant(term.coefficient) * term.expr)
            }
        }
        guard !powers.isEmpty else { return nil }
        return Expr.product(powers + [.apply(.exp, .sum(rest))])
    }

    /// `sin(u + k*pi) => (-1)^k * sin(u)`, the same for `cos`, and `tan(u + k*pi) => tan(u)`, for a whole `k`: a
    /// distilled `sin(pi - x)` is `sin(x)`.
    public static let trigonometricShiftByPi = RewriteRule(name: "trigonometric-shift-by-pi", summary: "sin(u + k*pi) => (-1)^k*sin(u)") { expr in
        guard case .function(let function, .sum(let sum)) = expr, [.sin, .cos, .tan].contains(function),
              let term = sum.terms.first(where: { $0.expr == .named(.pi) }), term.coefficient == term.coefficient.rounded() else { return nil }
        let rest = Expr.sum([.constant(sum.constant)] + sum.terms.filter { $0.expr != .named(.pi) }.map { .constant($0.coefficient) * $0.expr })
        let sign: Double = function == .tan || Int(term.coefficient).isMultiple(of: 2) ? 1 : -1
        return .constant(sign) * .apply(function, rest)
    }

    /// `log(exp(u)) => u`.
    public static let logOfExp = RewriteRule(name: "log-of-exp", summary: "log(exp(u)) => u") { expr in
        guard case .function(.log, .function(.exp, let inner)) = expr else { return nil }
        return inner
    }

    /// `log(u^b) => b*log(u)` when `u > 0`.
    public static let logOfPower = RewriteRule(name: "log-of-power", summary: "log(u^b) => b*log(u), u > 0") { expr in
        guard case .function(.log, .product(let product)) = expr, product.coefficient == 1,
              product.factors.count == 1, Guards.isPositive(product.factors[0].base) else { return nil }
        return product.factors[0].exponent * .apply(.log, product.factors[0].base)
    }

    /// `abs(u) => u` when `u >= 0`.
    public static let absOfNonNegative = RewriteRule(
        name: "abs-of-nonnegative", summary: "abs(u) => u, u >= 0"
    ) { expr in
        guard case .function(.abs, let argument) = expr, Guards.isNonNegative(argument) else { return nil }
        return argument
    }

    /// `exp(a)^m * exp(b)^n => exp(m*a + n*b)`.
    public static let productOfExps = RewriteRule(name: "product-of-exps", summary: "exp(a)*exp(b) => exp(a+b)") { expr in
        guard case .product(let product) = expr else { return nil }
        var exponents: [Expr] = []
        var rest: [Expr] = [.constant(product.coefficient)]
        for factor in product.factors {
            if case .function(.exp, let argument) = factor.base {
                exponents.append(argument * factor.exponent)
            } else {
                rest.append(.power(factor.base, factor.exponent))
            }
        }
        guard exponents.count >= 2 else { return nil }
        return Expr.product(rest + [.apply(.exp, .sum(exponents))])
    }

    /// `exp(u + k) => e^k * exp(u)` for a number `k`: the constant joins the coefficient in front, as in a
    /// distilled `4.846*exp(x^2 - 1.578)`, which is `exp(x^2)`.
    public static let expOfShiftedSum = RewriteRule(name: "exp-of-shifted-sum", summary: "exp(u + k) => e^k * exp(u)") { expr in
        guard case .function(.exp, .sum(let sum)) = expr, sum.constant != 0 else { return nil }
        let rest = Expr.sum(sum.terms.map { .constant($0.coefficient) * $0.expr })
        return .constant(Foundation.exp(sum.constant)) * .apply(.exp, rest)
    }

    /// `c*sin(u)^2 + c*cos(u)^2 => c`.
    public static let pythagorean = RewriteRule(name: "pythagorean", summary: "sin(u)^2 + cos(u)^2 => 1") { expr in
        guard case .sum(let sum) = expr else { return nil }
        var squares: [Expr: (sine: Double?, cosine: Double?)] = [:]
        for term in sum.terms {
            guard case .product(let product) = term.expr, product.factors.count == 1,
                  product.factors[0].exponent.isNumber(2),
                  case .function(let function, let argument) = product.factors[0].base else { continue }
            if function == .sin { squares[argument, default: (nil, nil)].sine = term.coefficient }
            if function == .cos { squares[argument, default: (nil, nil)].cosine = term.coefficient }
        }
        // In the sum's own (canonical) order, so the result does not depend on dictionary order.
        let arguments = sum.terms.compactMap { term -> Expr? in
            guard case .product(let product) = term.expr, case .function(_, let argument) = product.factors.first?.base else { return nil }
            return argument
        }
        guard let argument = arguments.first(where: { squares[$0]?.sine != nil && squares[$0]?.sine == squares[$0]?.cosine }),
              let coefficient = squares[argument]?.sine else { return nil }
        let square = { (f: ElementaryFunction) in Expr.constant(coefficient) * .power(.apply(f, argument), 2) }
        return expr - square(.sin) - square(.cos) + .constant(coefficient)
    }

    /// Rebuilds a product with some factors rewritten; nil when none was.
    private static func rewriteFactors(of expr: Expr, _ rewrite: (Factor) -> Expr?) -> Expr? {
        guard case .product(let product) = expr else { return nil }
        var changed = false
        var parts: [Expr] = [.constant(product.coefficient)]
        for factor in product.factors {
            if let replacement = rewrite(factor) {
                changed = true
                parts.append(replacement)
            } else {
                parts.append(.power(factor.base, factor.exponent))
            }
        }
        return changed ? Expr.product(parts) : nil
    }
}
