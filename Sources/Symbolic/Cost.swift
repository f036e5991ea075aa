/// What "simpler" means to the simplifier: a cost per expression, lower is simpler.
public struct CostFunction: Sendable {
    public let cost: @Sendable (Expr) -> Int

    public init(cost: @escaping @Sendable (Expr) -> Int) {
        self.cost = cost
    }

    /// One per symbol, number and operation a reader sees: `2*x + 1` costs 5, `sin(x)^2` costs 4.
    public static let operationCount = CostFunction { expr in operations(expr) }

    private static func operations(_ expr: Expr) -> Int {
        switch expr {
        case .constant, .named, .variable:
            return 1
        case .sum(let sum):
            var total = sum.constant == 0 ? 0 : 2
            for term in sum.terms {
                total += operations(term.expr) + 1 + (Swift.abs(term.coefficient) == 1 ? 0 : 2)
            }
            return total - 1
        case .product(let product):
            var total = product.coefficient == 1 || product.coefficient == -1 ? 0 : 2
            for factor in product.factors {
                total += operations(factor.base) + 1
                if !factor.exponent.isNumber(1) { total += operations(factor.exponent) + 1 }
            }
            return total - 1
        case .function(_, let argument):
            return 1 + operations(argument)
        }
    }
}
