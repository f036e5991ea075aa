import Foundation
import Optimization

/// AI Feynman's tests of a function's structure, asked of a subproblem's surrogate values at pairs of data rows:
/// whether an input separates from the others (additively, multiplicatively, or multiplicatively after a constant
/// is taken off) and whether two inputs act only through their product, ratio, sum or difference. Each test gives
/// the median residual over the pairs, relative to the function's spread, so that it compares with the surrogate's
/// relative error.
struct StructureTests {
    let problem: Subproblem
    /// Row pairs the tests are asked at.
    private let pairs: [(a: [Double], b: [Double])]
    private let valuesA: [Double]
    private let valuesB: [Double]
    /// The function's standard deviation and mean over the sampled rows.
    let spread: Double
    let mean: Double

    init?(_ problem: Subproblem, pairCount: Int = 96, random: inout SeededRandom) {
        self.problem = problem
        let count = problem.rows.count
        guard count >= 2 else { return nil }
        pairs = (0..<pairCount).map { _ in
            (problem.rows[Int(random.next() % UInt64(count))], problem.rows[Int(random.next() % UInt64(count))])
        }
        valuesA = problem.evaluate(pairs.map(\.a))
        valuesB = problem.evaluate(pairs.map(\.b))
        let all = valuesA + valuesB
        guard all.allSatisfy(\.isFinite) else { return nil }
        spread = Metrics.standardDeviation(all)
        mean = all.reduce(0, +) / Double(all.count)
        guard spread > 1e-12 * max(abs(mean), 1e-300) else { return nil }
    }

    /// The values with input `input` swapped between the rows of each pair: `f(a with b's input)`, `f(b with a's)`.
    private func swapped(_ input: Int) -> (ab: [Double], ba: [Double]) {
        (problem.evaluate(pairs.map { problem.mixing($0.a, input: input, from: $0.b) }),
         problem.evaluate(pairs.map { problem.mixing($0.b, input: input, from: $0.a) }))
    }

    /// `f = g(input) + h(rest)`: `f(a) + f(b) - f(a|b) - f(b|a)` vanishes.
    func additiveResidual(_ input: Int) -> Double {
        let (ab, ba) = swapped(input)
        let residuals = pairs.indices.map { abs(valuesA[$0] + valuesB[$0] - ab[$0] - ba[$0]) / spread }
        return Self.median(residuals)
    }

    /// `f = shift + g(input) * h(rest)`: `(f(a) - s)(f(b) - s) - (f(a|b) - s)(f(b|a) - s)` vanishes. Returns the
    /// residual and the shift, `0` or, when `estimateShift`, the median of the shifts that solve each pair.
    func multiplicativeResidual(_ input: Int, estimateShift: Bool) -> (residual: Double, shift: Double) {
        let (ab, ba) = swapped(input)
        var shift = 0.0
        if estimateShift {
            // Solving the pair's equation for s: s = (fa fb - fab fba) / (fa + fb - fab - fba).
            let shifts = pairs.indices.compactMap { i -> Double? in
                let denominator = valuesA[i] + valuesB[i] - ab[i] - ba[i]
                guard abs(denominator) > 0.05 * spread else { return nil }
                return (valuesA[i] * valuesB[i] - ab[i] * ba[i]) / denominator
            }
            guard shifts.count >= pairs.count / 4 else { return (.infinity, 0) }
            shift = Self.median(shifts)
        }
        // The residual's size when f - s is off by the surrogate's error: spread times the root mean square of f - s.
        let scale = spread * (spread * spread + (mean - shift) * (mean - shift)).squareRoot()
        let residuals = pairs.indices.map { i in
            abs((valuesA[i] - shift) * (valuesB[i] - shift) - (ab[i] - shift) * (ba[i] - shift)) / scale
        }
        return (Self.median(residuals), shift)
    }

    /// `f` depends on inputs `first` and `second` only through `symmetry`: moving both so that their combination
    /// stays leaves `f` unchanged.
    func symmetryResidual(_ first: Int, _ second: Int, _ symmetry: Symmetry, random: inout SeededRandom) -> Double {
        var moved: [[Double]] = [], original: [Double] = []
        for (index, pair) in pairs.enumerated() {
            for _ in 0..<6 {
                let row = pair.a
                let point: [Double]?
                switch symmetry {
                case .product, .ratio:
                    let factor = Foundation.exp(random.uniform(-0.4, 0.4))
                    point = problem.moving(row, input: first, factor: factor)
                        .flatMap { problem.moving($0, input: second, factor: symmetry == .product ? 1 / factor : factor) }
                case .sum, .difference:
                    let range = problem.ranges[problem.inputs[first].leading]
                    let shift = random.uniform(-0.2, 0.2) * (range.upperBound - range.lowerBound)
                    point = problem.moving(row, input: first, shift: shift)
                        .flatMap { problem.moving($0, input: second, shift: symmetry == .sum ? -shift : shift) }
                }
                if let point {
                    moved.append(point)
                    original.append(valuesA[index])
                    break
                }
            }
        }
        guard moved.count >= pairs.count / 2 else { return .infinity }
        let values = problem.evaluate(moved)
        return Self.median(zip(values, original).map { abs($0 - $1) / spread })
    }

    static func median(_ values: [Double]) -> Double {
        let finite = values.map { $0.isNaN ? Double.infinity : $0 }.sorted()
        return finite.isEmpty ? .infinity : finite[finite.count / 2]
    }
}
