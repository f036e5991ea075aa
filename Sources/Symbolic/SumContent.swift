import Foundation

extension Expr {
    /// Every sum that is a factor of a product (or raised to a power) divided by the size of its first term's
    /// coefficient, which moves out into the product's coefficient: `c*(a*x + a)` becomes `(c*a)*(x + 1)` and
    /// `(a*x - a)^-0.5` becomes `a^-0.5*(x - 1)^-0.5` (a > 0), so that a fitted formula's redundant scale constants
    /// merge into one.
    public func extractingSumContent() -> Expr {
        transformedBottomUp { node in
            guard case .product(let product) = node else { return node }
            var coefficient = product.coefficient
            var parts: [Expr] = []
            for factor in product.factors {
                guard case .sum(let sum) = factor.base, let exponent = factor.exponent.numericValue else {
                    parts.append(.power(factor.base, factor.exponent))
                    continue
                }
                let lead = abs(sum.terms[0].coefficient)
                let scale = Foundation.pow(lead, exponent)
                guard lead != 1, scale.isFinite, scale != 0 else {
                    parts.append(.power(factor.base, factor.exponent))
                    continue
                }
                coefficient *= scale
                let monic = Expr.sum([.constant(sum.constant / lead)] + sum.terms.map { .constant($0.coefficient / lead) * $0.expr })
                parts.append(.power(monic, factor.exponent))
            }
            return .product([.constant(coefficient)] + parts)
        }
    }
}
