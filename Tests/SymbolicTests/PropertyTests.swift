import PropertyBased
import Symbolic
import Testing
import TestSupport

@Suite("Properties of random expressions")
struct PropertyTests {
    @Test("simplify keeps the value wherever the input is defined")
    func simplifyKeepsValue() async {
        await propertyCheck(count: 300, input: ExpressionGenerator.expressions(), Gen.int(in: 0...Int.max)) { expr, seed in
            let simplified = expr.simplified()
            var rng: any SeededRandomNumberGenerator = Xoshiro(seed: (UInt64(seed), 1, 2, 3))
            for point in ExpressionGenerator.points(count: 8, using: &rng) {
                guard let original = try? expr.evaluate(at: point), abs(original) < 1e8 else { continue }
                let value = try? simplified.evaluate(at: point)
                #expect(value != nil, "\(simplified) undefined at \(point) where \(expr) = \(original)")
                if let value {
                    expectClose(value, original, tolerance: 1e-8, "for \(expr) -> \(simplified) at \(point)")
                }
            }
        }
    }

    @Test("simplify never returns something costlier than its input")
    func simplifyNeverCostlier() async {
        await propertyCheck(count: 300, input: ExpressionGenerator.expressions()) { expr in
            let cost = CostFunction.operationCount.cost
            #expect(cost(expr.simplified()) <= cost(expr), "\(expr) -> \(expr.simplified())")
        }
    }

    @Test("parse(print(e)) == e")
    func printThenParse() async throws {
        await propertyCheck(count: 500, input: ExpressionGenerator.expressions(depth: 4)) { expr in
            let text = PlainTextPrinter().print(expr)
            let parsed = try? Expr(parsing: text)
            #expect(parsed == expr, "'\(text)' parsed back as \(parsed.map(String.init(describing:)) ?? "an error")")
            let caret = PlainTextPrinter(settings: .init(powerOperator: "^")).print(expr)
            #expect((try? Expr(parsing: caret)) == expr, "'\(caret)' with ^ did not parse back")
        }
    }

    @Test("e.replacingChildren(e.children) == e")
    func rebuildInvariant() async {
        await propertyCheck(count: 300, input: ExpressionGenerator.expressions(depth: 4)) { expr in
            #expect(expr.replacingChildren(expr.children) == expr)
        }
    }

    @Test("derivatives match central finite differences")
    func derivativeMatchesFiniteDifferences() async {
        await propertyCheck(count: 300, input: ExpressionGenerator.expressions(), Gen.int(in: 0...Int.max)) { expr, seed in
            let derivative = expr.derivative(with: "x")
            var rng: any SeededRandomNumberGenerator = Xoshiro(seed: (UInt64(seed), 1, 2, 3))
            for point in ExpressionGenerator.points(count: 5, using: &rng) {
                let x = point["x"]!
                guard let numeric = centralDifference(at: x, step: 1e-5, { value in
                    var shifted = point
                    shifted["x"] = value
                    return try? expr.evaluate(at: shifted)
                }), let center = try? expr.evaluate(at: point), abs(center) < 1e4, abs(numeric) < 1e4 else { continue }
                // Skip points next to a kink or pole, where the difference quotient is not a derivative.
                guard let coarse = centralDifference(at: x, step: 1e-3, { value in
                    var shifted = point
                    shifted["x"] = value
                    return try? expr.evaluate(at: shifted)
                }), abs(coarse - numeric) < 1e-3 * max(1, abs(numeric)) else { continue }
                let symbolic = try? derivative.evaluate(at: point)
                #expect(symbolic != nil, "d/dx \(expr) = \(derivative) undefined at \(point)")
                if let symbolic {
                    expectClose(symbolic, numeric, tolerance: 1e-5, "d/dx \(expr) = \(derivative) at \(point)")
                }
            }
        }
    }
}
