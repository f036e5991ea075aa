/// What has no value among an expression's variable-free parts: `0^-1` in `x/0`, `log(-1)`, `(-1)^0.5`.
///
/// The canonical constructors drop parts whose value cannot matter (`0*u` is `0`, `u - u` is `0`, `u^0` is `1`);
/// a part that is undefined for every value of the variables is kept instead, so `0/0`, `0*log(-1)` and
/// `x/0 - x/0` stay undefined (an error when evaluated) rather than folding to a number. An overflow
/// (`exp(1000)`) is not undefined: that number exists, a `Double` only cannot hold it.
extension Expr {
    /// The first variable-free sub-expression that has no real value, or nil: a power with one factor
    /// (`0^-1`) or a function application (`log(-1)`), so it can stand as a term or a factor as it is.
    var undefinedConstantPart: Expr? {
        if case .undefined(let part) = constantScan() { return part }
        return nil
    }

    /// The result of scanning a sub-expression for undefined constant parts.
    private enum ConstantScan {
        /// Depends on a variable, or is too large for a `Double`: no verdict.
        case unknown
        /// A variable-free part with this value.
        case value(Double)
        /// A variable-free part without a value.
        case undefined(Expr)
    }

    /// One walk over the tree: every node's value is computed from its children's, so the scan is linear.
    private func constantScan() -> ConstantScan {
        switch self {
        case .constant(let value):
            return .value(value)
        case .named(let constant):
            return .value(constant.value)
        case .variable:
            return .unknown
        case .sum(let sum):
            var total: Double? = sum.constant
            for term in sum.terms {
                switch term.expr.constantScan() {
                case .undefined(let part): return .undefined(part)
                case .unknown: total = nil
                case .value(let value): total = total.map { $0 + term.coefficient * value }
                }
            }
            return total.map(ConstantScan.value) ?? .unknown
        case .product(let product):
            var total: Double? = product.coefficient
            for factor in product.factors {
                let base = factor.base.constantScan(), exponent = factor.exponent.constantScan()
                if case .undefined = base { return base }
                if case .undefined = exponent { return exponent }
                guard case .value(let b) = base, case .value(let e) = exponent else { total = nil; continue }
                do {
                    let value = try Expr.evaluatePower(b, e, factor: factor)
                    total = total.map { $0 * value }
                } catch .overflow {
                    total = nil
                } catch {
                    return .undefined(.product(Product(coefficient: 1, factors: [factor])))
                }
            }
            return total.map(ConstantScan.value) ?? .unknown
        case .function(let function, let argument):
            let inner = argument.constantScan()
            guard case .value(let value) = inner else { return inner }
            switch function.evaluate(value) {
            case .success(let result): return .value(result)
            case .failure(.overflow): return .unknown
            case .failure: return .undefined(self)
            }
        }
    }
}
