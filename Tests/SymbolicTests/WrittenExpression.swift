import Foundation
import PropertyBased

/// A random expression as a person writes it, with its own evaluator: the reference for "defined as written".
/// It knows nothing of `Expr`; every operation is computed as written, and one without a value (a division by
/// zero, a root or non-whole power of a negative number, `log` of a number <= 0, `asin` outside [-1, 1]) makes the
/// whole expression undefined, whatever is multiplied by zero or subtracted from itself around it.
indirect enum WrittenExpression: CustomStringConvertible {
    case number(Double)
    case variable(String)
    case binary(Character, WrittenExpression, WrittenExpression)
    case call(String, WrittenExpression)

    /// The reference's verdict at a point.
    enum Outcome {
        case value(Double)
        case undefined
        /// An operand within rounding of a domain boundary, or a value too large to compare: no verdict.
        case ambiguous
    }

    static let numbers: [Double] = [0, 1, 2, 3, -1, -2, 0.5]
    static let exponents: [Double] = [2, 3, -1, -2, 0.5, -0.5, 1.5, 0]
    static let functions = ["sqrt", "log", "exp", "sin", "cos", "asin", "abs"]
    /// Points where operations are often on or past a boundary.
    static let coordinates: [Double] = [-4, -1, -0.5, 0, 0.5, 1, 2]

    static func expressions(depth: Int = 4, variables: [String] = ["x", "y"]) -> Generator<WrittenExpression, Shrink.None<WrittenExpression>> {
        Generator { rng in make(depth: depth, variables: variables, using: &rng) }
    }

    static func make(depth: Int, variables: [String], using rng: inout any SeededRandomNumberGenerator) -> WrittenExpression {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 {
            if !variables.isEmpty && Bool.random(using: &rng) { return .variable(variables.randomElement(using: &rng)!) }
            return .number(numbers.randomElement(using: &rng)!)
        }
        let a = make(depth: depth - 1, variables: variables, using: &rng)
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1: return .binary(["+", "-"].randomElement(using: &rng)!, a, make(depth: depth - 1, variables: variables, using: &rng))
        case 2, 3: return .binary("*", a, make(depth: depth - 1, variables: variables, using: &rng))
        case 4: return .binary("/", a, make(depth: depth - 1, variables: variables, using: &rng))
        case 5: return .binary("^", a, .number(exponents.randomElement(using: &rng)!))
        case 6: return .binary("^", a, make(depth: 1, variables: variables, using: &rng))
        default: return .call(functions.randomElement(using: &rng)!, a)
        }
    }

    var description: String {
        switch self {
        case .number(let value): value < 0 ? "(\(value))" : "\(value)"
        case .variable(let name): name
        case .binary(let op, let a, let b): "(\(a) \(op) \(b))"
        case .call(let name, let argument): "\(name)(\(argument))"
        }
    }

    func outcome(at point: [String: Double]) -> Outcome {
        let near = 1e-9
        func check(_ value: Double) -> Outcome { value.isFinite && abs(value) < 1e12 ? .value(value) : .ambiguous }
        switch self {
        case .number(let value): return .value(value)
        case .variable(let name): return .value(point[name]!)
        case .binary(let op, let left, let right):
            let l = left.outcome(at: point), r = right.outcome(at: point)
            if case .undefined = l { return .undefined }
            if case .undefined = r { return .undefined }
            guard case .value(let a) = l, case .value(let b) = r else { return .ambiguous }
            switch op {
            case "+": return check(a + b)
            case "-": return check(a - b)
            case "*": return check(a * b)
            case "/": return b == 0 ? .undefined : abs(b) < near ? .ambiguous : check(a / b)
            default: return Self.power(a, b, near: near)
            }
        case .call(let name, let inner):
            let outcome = inner.outcome(at: point)
            guard case .value(let u) = outcome else { return outcome }
            switch name {
            case "sqrt": return Self.power(u, 0.5, near: near)
            case "log": return u <= 0 ? (u > -near && u != 0 ? .ambiguous : .undefined) : u < near ? .ambiguous : check(log(u))
            case "exp": return check(exp(u))
            case "sin": return check(sin(u))
            case "cos": return check(cos(u))
            case "asin": return abs(u) > 1 ? (abs(u) - 1 < near ? .ambiguous : .undefined) : check(asin(u))
            default: return check(abs(u))
            }
        }
    }

    /// `b^e` over the reals: undefined for `0^negative` and `negative^non-whole`.
    private static func power(_ b: Double, _ e: Double, near: Double) -> Outcome {
        let whole = e == e.rounded()
        if !whole && abs(e - e.rounded()) < near { return .ambiguous }
        if b == 0 && e < 0 { return .undefined }
        if !whole && b < 0 { return b > -near ? .ambiguous : .undefined }
        if abs(b) < near && b != 0 && (e < 0 || !whole) { return .ambiguous }
        let value = pow(b, e)
        return value.isFinite && abs(value) < 1e12 ? .value(value) : .ambiguous
    }
}
