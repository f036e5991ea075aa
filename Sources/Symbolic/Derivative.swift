extension Expr {
    /// The symbolic derivative with respect to `variable`, by the sum, product, power and chain rules. The
    /// result is canonical but not simplified; it is valid wherever the expression is differentiable.
    ///
    /// For `b^e` with a non-numeric exponent the formula `b^e * (e' * log(b) + e * b'/b)` is used, which holds
    /// for positive `b`.
    public func derivative(with variable: String) -> Expr {
        switch self {
        case .constant, .named:
            return 0
        case .variable(let name):
            return name == variable ? 1 : 0
        case .sum(let sum):
            return Expr.sum(sum.terms.map { .constant($0.coefficient) * $0.expr.derivative(with: variable) })
        case .product(let product):
            // d(c * prod f_i) = c * sum_i (d f_i) * prod_{j != i} f_j
            let powers = product.factors.map { Expr.power($0.base, $0.exponent) }
            var terms: [Expr] = []
            for (index, factor) in product.factors.enumerated() {
                let derivative = Expr.powerDerivative(factor, with: variable)
                if derivative.isNumber(0) { continue }
                var others = powers
                others.remove(at: index)
                terms.append(Expr.product([.constant(product.coefficient), derivative] + others))
            }
            return Expr.sum(terms)
        case .function(let function, let argument):
            let inner = argument.derivative(with: variable)
            if inner.isNumber(0) { return 0 }
            return function.derivative(at: argument) * inner
        }
    }

    private static func powerDerivative(_ factor: Factor, with variable: String) -> Expr {
        let base = factor.base, exponent = factor.exponent
        let baseDerivative = base.derivative(with: variable)
        let exponentDerivative = exponent.derivative(with: variable)
        if exponentDerivative.isNumber(0) {
            if baseDerivative.isNumber(0) { return 0 }
            return exponent * Expr.power(base, exponent - 1) * baseDerivative
        }
        return Expr.power(base, exponent)
            * (exponentDerivative * .apply(.log, base) + exponent * baseDerivative / base)
    }
}
