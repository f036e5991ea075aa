import PropertyBased
import Symbolic

/// Random expressions over `x` and `y` for property tests: numbers, variables, sums, differences, products,
/// quotients, small integer and half-integer powers, and elementary functions, up to a given depth.
enum ExpressionGenerator {
    static let variables = ["x", "y"]

    static func expressions(depth: Int = 3) -> Generator<Expr, Shrink.None<Expr>> {
        Generator { rng in make(depth: depth, using: &rng) }
    }

    static func make(depth: Int, using rng: inout any SeededRandomNumberGenerator) -> Expr {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 {
            if Bool.random(using: &rng) { return .variable(variables.randomElement(using: &rng)!) }
            return .constant((Double.random(in: -3...3, using: &rng) * 100).rounded() / 100)
        }
        let a = make(depth: depth - 1, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return a + make(depth: depth - 1, using: &rng)
        case 1: return a - make(depth: depth - 1, using: &rng)
        case 2: return a * make(depth: depth - 1, using: &rng)
        case 3: return a / make(depth: depth - 1, using: &rng)
        case 4: return .power(a, .constant([2, 3, -1, 0.5, 1.5].randomElement(using: &rng)!))
        case 5: return .power(-a, 2)
        default:
            let functions: [ElementaryFunction] = [.sin, .cos, .tanh, .exp, .log, .abs, .arctan, .tan]
            return .apply(functions.randomElement(using: &rng)!, a)
        }
    }

    /// Random points in [-2, 2]^2.
    static func points(count: Int, using rng: inout any SeededRandomNumberGenerator) -> [[String: Double]] {
        (0..<count).map { _ in
            ["x": Double.random(in: -2...2, using: &rng), "y": Double.random(in: -2...2, using: &rng)]
        }
    }
}
