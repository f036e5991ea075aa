/// Why an expression has no real value at a point.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The function is not defined at the argument (`log(-1)`, `asin(2)`, `sqrt(-4)`).
    case domain(function: String, argument: Double, reason: String)
    /// A division by zero, or a zero raised to a negative power.
    case divisionByZero(expression: String)
    /// The result is too large for a `Double`.
    case overflow(function: String, argument: Double)
    /// A result beyond a `Double`'s range although every operation had a value (a sum or product overflowed).
    case nonFinite(Double)
    /// A variable that the point or the columns do not provide.
    case unboundVariable(String)
    /// A row with a different number of values than there are variables.
    case wrongRowLength(row: Int, expected: Int, found: Int)
    /// An error at one row of column-wise evaluation.
    indirect case atRow(Int, EvaluationError)

    public var description: String {
        switch self {
        case .domain(let function, let argument, let reason):
            return "domain error: \(function)(\(argument)) is undefined (\(reason))"
        case .divisionByZero(let expression):
            return "division by zero in \(expression)"
        case .overflow(let function, let argument):
            return "overflow: \(function)(\(argument)) is too large for a Double"
        case .nonFinite(let value):
            return "overflow: the value is \(value), beyond a Double's range (magnitudes up to about 1.8e308)"
        case .unboundVariable(let name):
            return "no value given for variable '\(name)'"
        case .wrongRowLength(let row, let expected, let found):
            return "row \(row) has \(found) values for \(expected) variables"
        case .atRow(let row, let error):
            return "row \(row): \(error)"
        }
    }
}
