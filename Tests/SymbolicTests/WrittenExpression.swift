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
            case "*": return a != 0 && b != 0 && a * b == 0 ? .ambiguous : check(a * b)  // underflow
            case "/": return b == 0 ? (right.isLeaf ? .undefined : .ambiguous) : abs(b) < near ? .ambiguous : check(a / b)
            default: return Self.power(a, b, near: near, computedBase: !left.isLeaf)
            }
        case .call(let name, let inner):
            let outcome = inner.outcome(at: point)
            guard case .value(let u) = outcome else { return outcome }
            switch name {
            case "sqrt": return Self.power(u, 0.5, near: near, computedBase: !inner.isLeaf)
            case "log":
                if u == 0 && !inner.isLeaf { return .ambiguous }
                return u <= 0 ? (u > -near && u != 0 ? .ambiguous : .undefined) : u < near ? .ambiguous : check(log(u))
            case "exp": return exp(u) == 0 ? .ambiguous : check(exp(u))  // underflow
            // sin and cos of a large argument are ill-conditioned: rewritten forms compute the argument with other
            // roundings (`(a^b)^c` as `a^(b*c)`), and at 1.65e10 one ulp of it already moves cos in the 6th digit.
            case "sin": return abs(u) > 1e4 ? .ambiguous : check(sin(u))
            case "cos": return abs(u) > 1e4 ? .ambiguous : check(cos(u))
            case "asin": return abs(abs(u) - 1) < near ? .ambiguous : abs(u) > 1 ? .undefined : check(asin(u))
            default: return check(abs(u))
            }
        }
    }

    /// Whether this is a number or a variable, whose value at a grid point is exact. A computed zero may be a
    /// rounding's zero: another form of the same expression (`y/1.5` as `0.6666666666666666*y`) can miss it, so a
    /// domain decided by a computed operand being exactly 0 (or `asin`'s exactly +-1) gets no verdict.
    var isLeaf: Bool {
        switch self {
        case .number, .variable: true
        case .binary, .call: false
        }
    }

    /// `b^e` over the reals: undefined for `0^negative` and `negative^non-whole`.
    private static func power(_ b: Double, _ e: Double, near: Double, computedBase: Bool) -> Outcome {
        let whole = e == e.rounded()
        if !whole && abs(e - e.rounded()) < near { return .ambiguous }
        // Simplifying multiplies exponents (`(y^-2)^729` is `y^-1458`): at such powers some form under- or
        // overflows wherever the base is not 0 or +-1, so a huge exponent gets no verdict.
        if abs(e) > 64 { return .ambiguous }
        if b == 0 && computedBase && (e < 0 || !whole) { return .ambiguous }
        if b == 0 && e < 0 { return .undefined }
        if !whole && b < 0 { return b > -near ? .ambiguous : .undefined }
        if abs(b) < near && b != 0 && (e < 0 || !whole) { return .ambiguous }
        let value = pow(b, e)
        if b != 0 && value == 0 { return .ambiguous }  // underflow: another form may overflow a factor instead
        return value.isFinite && abs(value) < 1e12 ? .value(value) : .ambiguous
    }
}
