import Foundation

/// The canonical constructors. Every way of building a sum, product, power or function application goes through
/// these, which fold numbers, flatten nested sums and products, collect like terms and like bases, and sort.
///
/// They do only what holds for every real value (as SymPy's automatic evaluation does); rewrites that need a
/// guard or can make an expression larger are simplifier rules (`RewriteRule`). A part they would drop (`0*u`,
/// `u - u`, `u^0`) is kept when it is undefined whatever the variables (`0/0` is not 0; see
/// `undefinedConstantPart`). One that is undefined only at some points (`0*log(x)` at `x = 0`) is dropped, as
/// SymPy does; `ExprWithDomain` keeps what the written form required.
extension Expr {
    /// The sum of `operands`, canonical. A single operand is returned as it is.
    public static func sum(_ operands: [Expr]) -> Expr {
        if operands.count == 1 { return operands[0] }
        var constant = 0.0
        var coefficients: [Expr: Double] = [:]
        var order: [Expr] = []
        func add(_ term: Expr, _ coefficient: Double) {
            if case .sum(let inner) = term {
                constant += coefficient * inner.constant
                for innerTerm in inner.terms { add(innerTerm.expr, coefficient * innerTerm.coefficient) }
                return
            }
            if let existing = coefficients[term] {
                coefficients[term] = existing + coefficient
            } else {
                coefficients[term] = coefficient
                order.append(term)
            }
        }
        for operand in operands {
            switch operand {
            case .constant(let value):
                constant += value
            case .sum(let sum):
                constant += sum.constant
                for term in sum.terms { add(term.expr, term.coefficient) }
            case .product(let product) where product.coefficient != 1:
                add(.product(Product(coefficient: 1, factors: product.factors)).collapsedProduct, product.coefficient)
            default:
                add(operand, 1)
            }
        }
        var undefined: [Expr] = []
        var terms = order.compactMap { expr -> Term? in
            let coefficient = coefficients[expr]!
            guard coefficient == 0 else { return Term(expr: expr, coefficient: coefficient) }
            if let part = expr.undefinedConstantPart { undefined.append(part) }
            return nil
        }
        // A cancelled term without a value anywhere leaves its undefined part: `x/0 - x/0` is not 0.
        for part in undefined where !terms.contains(where: { $0.expr == part }) {
            terms.append(Term(expr: part, coefficient: 1))
        }
        terms.sort { canonicalOrder($0.expr, $1.expr) }
        switch terms.count {
        case 0:
            return .constant(constant)
        case 1 where constant == 0:
            return product([.constant(terms[0].coefficient), terms[0].expr])
        default:
            return .sum(Sum(constant: constant, terms: terms))
        }
    }

    /// The product of `operands`, canonical. Numbers are not distributed over sums (`2*(x+1)` stays), which
    /// keeps construction associative; a sum distributes such a product when it is one of its terms.
    public static func product(_ operands: [Expr]) -> Expr {
        var coefficient = 1.0
        var exponents: [Expr: [Expr]] = [:]
        var order: [Expr] = []
        func multiply(_ base: Expr, _ exponent: Expr) {
            if exponents[base] == nil { order.append(base) }
            exponents[base, default: []].append(exponent)
        }
        for operand in operands {
            switch operand {
            case .constant(let value):
                coefficient *= value
            case .product(let product):
                coefficient *= product.coefficient
                for factor in product.factors { multiply(factor.base, factor.exponent) }
            default:
                multiply(operand, 1)
            }
        }
        if coefficient == 0 {
            let undefined = operands.compactMap(\.undefinedConstantPart)
            return undefined.isEmpty ? 0 : product(undefined)
        }
        var factors: [Factor] = []
        for base in order {
            let parts = exponents[base]!
            // `b^e1 * b^e2` as `b^(e1 + e2)` may have a value where a part has none (`sqrt(-1)*sqrt(-1)` is not
            // -1, `log(-1)/log(-1)` not 1): such a part then stands for the whole.
            let exponent = parts.count == 1 ? parts[0]
                : parts.first { Expr.product(Product(coefficient: 1, factors: [Factor(base: base, exponent: $0)])).undefinedConstantPart != nil }
                    ?? sum(parts)
            if exponent.isNumber(0) { continue }
            // A number base can only appear with a symbolic exponent, or where folding it is undefined.
            if case .constant(let value) = base, let power = exponent.numericValue,
               let folded = foldedPower(value, power) {
                coefficient *= folded
                continue
            }
            factors.append(Factor(base: base, exponent: exponent))
        }
        factors.sort { canonicalOrder($0.base, $1.base) }
        if factors.isEmpty { return .constant(coefficient) }
        return Expr.product(Product(coefficient: coefficient, factors: factors)).collapsedProduct
    }

    /// `base ^ exponent`, canonical. Numbers fold when the result is a finite real; `(b^e)^n` with integer
    /// `n` is `b^(e*n)`; `(c*u)^n` with integer `n` distributes over the factors; `E^u` is `exp(u)`.
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent.isNumber(0) { return base.undefinedConstantPart ?? 1 }
        if exponent.isNumber(1) { return base }
        if base.isNumber(1) { return exponent.undefinedConstantPart ?? 1 }
        // E**u is exp(u), as in SymPy: one form, so like terms and exp rules see it.
        if case .named(.e) = base { return .function(.exp, exponent) }
        if let b = base.numericValue, let e = exponent.numericValue, let folded = foldedPower(b, e) {
            return .constant(folded)
        }
        if let n = exponent.numericValue, n == n.rounded(), case .product(let product) = base {
            var parts: [Expr] = []
            if let coefficient = foldedPower(product.coefficient, n) {
                parts.append(.constant(coefficient))
            } else {
                parts.append(.product(Product(coefficient: 1, factors: [Factor(base: .constant(product.coefficient), exponent: exponent)])))
            }
            for factor in product.factors {
                // An undefined factor's exponents are not multiplied: `(sqrt(-1)*x)^2` is not `-x^2`. It keeps the
                // power as a power of itself, so `1/(log(-1)*x)` still divides by `log(-1)`.
                let alone = Expr.product(Product(coefficient: 1, factors: [factor]))
                if alone.undefinedConstantPart == nil {
                    parts.append(power(factor.base, factor.exponent * exponent))
                } else if factor.exponent.isNumber(1) {
                    parts.append(power(factor.base, exponent))
                } else {
                    parts.append(.product(Product(coefficient: 1, factors: [Factor(base: alone, exponent: exponent)])))
                }
            }
            return Expr.product(parts)
        }
        return Expr.product(Product(coefficient: 1, factors: [Factor(base: base, exponent: exponent)])).collapsedProduct
    }

    /// `-self`, distributed over a sum (`-(x - 1)` is `1 - x`); otherwise the product with `-1`.
    public var negated: Expr {
        guard case .sum(let sum) = self else { return Expr.product([-1, self]) }
        return Expr.sum([.constant(-sum.constant)] + sum.terms.map { .constant(-$0.coefficient) * $0.expr })
    }

    /// `function(argument)`, with no rewriting: folding `sin(0.5)` to a number is the simplifier's job.
    public static func apply(_ function: ElementaryFunction, _ argument: Expr) -> Expr {
        .function(function, argument)
    }

    /// `b^e` as a number when that is a finite real; nil for `0^negative` and `negative^fraction`.
    static func foldedPower(_ base: Double, _ exponent: Double) -> Double? {
        if base == 0 && exponent < 0 { return nil }
        if base < 0 && exponent != exponent.rounded() { return nil }
        let value = Foundation.pow(base, exponent)
        return value.isFinite ? value : nil
    }

    /// A product node reduced to its simplest spelling: `1 * b^1` is `b`.
    private var collapsedProduct: Expr {
        if case .product(let product) = self, product.coefficient == 1, product.factors.count == 1,
           product.factors[0].exponent.isNumber(1) {
            return product.factors[0].base
        }
        return self
    }
}

extension Expr: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self = .constant(value) }
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }

    public static func + (lhs: Expr, rhs: Expr) -> Expr { sum([lhs, rhs]) }
    public static func - (lhs: Expr, rhs: Expr) -> Expr { sum([lhs, product([-1, rhs])]) }
    public static func * (lhs: Expr, rhs: Expr) -> Expr { product([lhs, rhs]) }
    public static func / (lhs: Expr, rhs: Expr) -> Expr { product([lhs, power(rhs, -1)]) }
    public static prefix func - (operand: Expr) -> Expr { product([-1, operand]) }
}
