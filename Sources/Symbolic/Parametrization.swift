/// An expression whose free numeric constants are named parameters (`__k0`, `__k1`, ...), so a fitter can tune
/// them together and put them back: the bridge from a formula's structure to least squares on its constants.
public struct ParametrizedExpression: Sendable, Equatable {
    /// The expression with each free constant replaced by its parameter.
    public let template: Expr
    /// The parameters' names, in the order of `values`.
    public let names: [String]
    /// The constants' values in the original expression.
    public let values: [Double]

    /// The expression with the parameters set to `values` (one per name), through the canonical constructors.
    public func expression(with values: [Double]) -> Expr {
        precondition(values.count == names.count, "\(names.count) parameters, \(values.count) values")
        return template.substituting(Dictionary(uniqueKeysWithValues: zip(names, values.map { Expr.constant($0) })))
    }
}

extension Expr {
    /// This expression with its free constants as parameters: a sum's constant term when not 0, every coefficient
    /// other than 1 and -1, and exponents that are not whole or half numbers (2 and 0.5 stay part of the
    /// structure; 1.0003 is a constant to fit). Parameter names start with `prefix`, which no variable may.
    public func parametrized(prefix: String = "__k") -> ParametrizedExpression {
        var names: [String] = [], values: [Double] = []
        func parameter(_ value: Double) -> Expr {
            names.append("\(prefix)\(names.count)")
            values.append(value)
            return .variable(names.last!)
        }
        func free(_ value: Double) -> Bool { value != 0 && value != 1 && value != -1 }
        func visit(_ node: Expr) -> Expr {
            switch node {
            case .constant(let value):
                return free(value) ? parameter(value) : node
            case .named, .variable:
                return node
            case .sum(let sum):
                var parts: [Expr] = sum.constant != 0 ? [parameter(sum.constant)] : []
                for term in sum.terms {
                    let expr = visit(term.expr)
                    parts.append(free(term.coefficient) ? parameter(term.coefficient) * expr : .constant(term.coefficient) * expr)
                }
                return .sum(parts)
            case .product(let product):
                var parts: [Expr] = free(product.coefficient) ? [parameter(product.coefficient)] : [.constant(product.coefficient)]
                for factor in product.factors {
                    let base = visit(factor.base)
                    if let exponent = factor.exponent.numericValue {
                        let simple = (2 * exponent).rounded() == 2 * exponent
                        parts.append(.power(base, simple ? factor.exponent : parameter(exponent)))
                    } else {
                        parts.append(.power(base, visit(factor.exponent)))
                    }
                }
                return .product(parts)
            case .function(let function, let argument):
                return .apply(function, visit(argument))
            }
        }
        let template = visit(self)
        return ParametrizedExpression(template: template, names: names, values: values)
    }
}
