@testable import KAN
import Optimization
import Testing
import TestSupport

/// The local basis evaluation against a direct transcription of pykan's `B_batch` recursion (every basis
/// function of every order, half-open order-0 steps, 0/0 taken as 0).
@Suite("B-spline basis")
struct BSplineTests {
    static func reference(_ x: Double, knots t: [Double], order k: Int) -> [Double] {
        var basis = (0..<(t.count - 1)).map { x >= t[$0] && x < t[$0 + 1] ? 1.0 : 0.0 }
        if k == 0 { return basis }
        for p in 1...k {
            basis = (0..<(t.count - 1 - p)).map { j in
                let a = t[j + p] - t[j] == 0 ? 0 : (x - t[j]) / (t[j + p] - t[j]) * basis[j]
                let b = t[j + p + 1] - t[j + 1] == 0 ? 0 : (t[j + p + 1] - x) / (t[j + p + 1] - t[j + 1]) * basis[j + 1]
                return a + b
            }
        }
        return basis
    }

    static func local(_ x: Double, knots: [Double], order k: Int) -> (full: [Double], derivatives: [Double]) {
        var evaluator = BasisEvaluator(knots: knots, order: k)
        var values = [Double](repeating: 0, count: k + 1), derivatives = values
        let start = values.withUnsafeMutableBufferPointer { v in
            derivatives.withUnsafeMutableBufferPointer { d in evaluator.evaluate(x, values: v.baseAddress!, derivatives: d.baseAddress!) }
        }
        var full = [Double](repeating: 0, count: knots.count - k - 1), fullDerivatives = full
        for r in 0...k {
            full[start + r] = values[r]
            fullDerivatives[start + r] = derivatives[r]
        }
        return (full, fullDerivatives)
    }

    @Test("matches the reference everywhere, extension zones and outside included", arguments: [0, 1, 2, 3, 4, 5])
    func matchesReference(order k: Int) {
        var random = SeededRandom(seed: UInt64(10 + k))
        // A non-uniform grid, as after a grid update, extended as pykan does.
        var interior = (0..<8).map { _ in random.uniform(-1, 1) }.sorted()
        interior[0] = -1
        interior[7] = 1
        let knots = BSpline.extend(interior, by: k)
        for x in stride(from: -2.0, through: 2.0, by: 0.0137) {
            let expected = Self.reference(x, knots: knots, order: k)
            let (actual, _) = Self.local(x, knots: knots, order: k)
            for j in expected.indices {
                #expect(abs(actual[j] - expected[j]) < 1e-12, "k=\(k) x=\(x) B_\(j): \(actual[j]) vs \(expected[j])")
            }
        }
    }

    @Test("derivatives match finite differences of the reference", arguments: [1, 2, 3, 5])
    func derivatives(order k: Int) {
        let knots = BSpline.extend(BSpline.uniformGrid(lower: -1, upper: 1, intervals: 6), by: k)
        for x in stride(from: -1.5, through: 1.5, by: 0.0731) {
            let (_, derivatives) = Self.local(x, knots: knots, order: k)
            let h = 1e-6
            let upper = Self.reference(x + h, knots: knots, order: k), lower = Self.reference(x - h, knots: knots, order: k)
            for j in derivatives.indices {
                expectClose(derivatives[j], (upper[j] - lower[j]) / (2 * h), tolerance: 1e-5, "k=\(k) x=\(x) j=\(j)")
            }
        }
    }

    @Test("inside the grid the basis sums to one")
    func partitionOfUnity() {
        let knots = BSpline.extend(BSpline.uniformGrid(lower: -1, upper: 1, intervals: 5), by: 3)
        for x in stride(from: -1.0, to: 1.0, by: 0.01) {
            expectClose(Self.local(x, knots: knots, order: 3).full.reduce(0, +), 1, tolerance: 1e-13)
        }
    }
}
