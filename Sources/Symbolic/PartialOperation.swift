/// One operation that has a value only on part of the real line, with its operands (canonical expressions):
/// a power whose exponent is not a whole number >= 0 (`1/u` is `u^-1`, `sqrt(u)` is `u^0.5`), or `log`, `tan`,
/// `asin`, `acos`, `atanh`. `ExprWithDomain` keeps those of a written expression, so that dropping one while
/// simplifying (`0*log(x)` is `0`) does not give a value where the written form has none.
public enum PartialOperation: Hashable, Sendable, CustomStringConvertible {
    /// `base ^ exponent`.
    case power(base: Expr, exponent: Expr)
    /// `function(argument)`.
    case function(ElementaryFunction, Expr)

    /// `base ^ exponent` as a partial operation, or nil when it has a value wherever its operands have one
    /// (a whole exponent >= 0, `1/exp(u)`, `sqrt(u^2)`; overflow aside).
    public static func ofPower(_ base: Expr, _ exponent: Expr) -> PartialOperation? {
        if let n = exponent.numericValue {
            if n >= 0 && n == n.rounded() { return nil }
            if n > 0 && Guards.isNonNegative(base) { return nil }
        }
        if Guards.isPositive(base) { return nil }
        return .power(base: base, exponent: exponent)
    }

    /// `function(argument)` as a partial operation, or nil when the function is defined on every real number
    /// (or `log` of something positive).
    public static func ofFunction(_ function: ElementaryFunction, _ argument: Expr) -> PartialOperation? {
        switch function {
        case .log: return Guards.isPositive(argument) ? nil : .function(function, argument)
        case .tan, .arcsin, .arccos, .arctanh: return .function(function, argument)
        case .sin, .cos, .tanh, .exp, .abs, .sign, .arctan: return nil
        }
    }

    /// Checks that the operation has a value at `point`; throws the domain error of the first operand or of the
    /// operation itself that has none.
    public func check(at point: [String: Double]) throws(EvaluationError) {
        switch self {
        case .power(let base, let exponent):
            _ = try Expr.evaluatePower(try base.evaluate(at: point), try exponent.evaluate(at: point),
                                       factor: Factor(base: base, exponent: exponent))
        case .function(let function, let argument):
            _ = try function.evaluate(try argument.evaluate(at: point)).get()
        }
    }

    /// Where the operation is defined, in words: `x != 0`, `x >= 0`, `x - 1 > 0`, `-1 <= x <= 1`.
    public var requirement: String {
        let printer = PlainTextPrinter()
        switch self {
        case .power(let base, let exponent):
            let b = printer.print(base)
            guard let n = exponent.numericValue else { return "\(b) > 0 (or \(printer.print(exponent)) a whole number)" }
            if n == n.rounded() { return "\(b) != 0" }
            return n > 0 ? "\(b) >= 0" : "\(b) > 0"
        case .function(let function, let argument):
            let u = printer.print(argument)
            switch function {
            case .log: return "\(u) > 0"
            case .tan: return "cos(\(u)) != 0"
            case .arcsin, .arccos: return "-1 <= \(u) <= 1"
            case .arctanh: return "-1 < \(u) < 1"
            default: return "\(function.spelling.sympy)(\(u)) has a value"
            }
        }
    }

    /// The operation in the plain printer's syntax (`1/x`, `x**0.5`, `log(x)`).
    public var description: String {
        switch self {
        case .power(let base, let exponent):
            PlainTextPrinter().print(.product(Product(coefficient: 1, factors: [Factor(base: base, exponent: exponent)])))
        case .function(let function, let argument):
            PlainTextPrinter().print(.function(function, argument))
        }
    }
}
