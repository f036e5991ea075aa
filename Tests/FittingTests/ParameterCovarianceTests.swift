import Fitting
import Foundation
import Symbolic
import Testing
import TestSupport

/// Standard errors of fitted constants: GSL's covariance against the closed form of a straight line, and their
/// coverage of the true constants on noisy data over many seeds.
@Suite("Parameter covariance")
struct ParameterCovarianceTests {
    /// Uniform and normal deviates (Box-Muller) from the tests' seeded generator.
    struct Deviates {
        var generator: SeededGenerator
        init(state: UInt64) { generator = SeededGenerator(seed: state) }
        mutating func uniform() -> Double { Double.random(in: 0..<1, using: &generator) }
        mutating func normal() -> Double { (-2 * log(1 - uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    }

    @Test("a straight line: the covariance is s^2 (X^T X)^-1, s^2 the residuals' sum of squares over n - 2")
    func straightLine() throws {
        var random = Deviates(state: 1)
        let xs = (0..<50).map { _ in random.uniform() * 4 }
        let ys = xs.map { 1 + 2 * $0 + 0.1 * random.normal() }
        // Ordinary least squares in closed form.
        let n = Double(xs.count), sx = xs.reduce(0, +), sxx = xs.reduce(0) { $0 + $1 * $1 }
        let sy = ys.reduce(0, +), sxy = zip(xs, ys).reduce(0) { $0 + $1.0 * $1.1 }
        let determinant = n * sxx - sx * sx
        let slope = (n * sxy - sx * sy) / determinant, intercept = (sy - slope * sx) / n
        let residuals = zip(xs, ys).map { intercept + slope * $0 - $1 }
        let variance = residuals.reduce(0) { $0 + $1 * $1 } / (n - 2)
        let expected = [variance * sxx / determinant, -variance * sx / determinant, -variance * sx / determinant, variance * n / determinant]
        let covariance = try ParameterCovariance(jacobian: xs.flatMap { [1, $0] }, residuals: residuals, parameters: 2)
        for (found, wanted) in zip(covariance.matrix, expected) { #expect(abs(found - wanted) <= 1e-12 * abs(wanted), "\(found) vs \(wanted)") }
        #expect(throws: FittingError.self) { try ParameterCovariance(jacobian: [1, 0, 1, 1], residuals: [0, 0], parameters: 2) }
    }

    /// Fits `2.5*exp(-1.3*x) + 0.4` to `rows` points with noise of 3% of the targets' root mean square; the
    /// constants found and their standard errors, in the order (2.5, -1.3, 0.4).
    static func fit(rows count: Int, seed: UInt64) throws -> (values: [Double], errors: [Double]) {
        var random = Deviates(state: seed)
        let xs = (0..<count).map { _ in [3 * random.uniform()] }
        let clean = xs.map { 2.5 * exp(-1.3 * $0[0]) + 0.4 }
        let rms = (clean.reduce(0) { $0 + $1 * $1 } / Double(count)).squareRoot()
        let targets = clean.map { $0 + 0.03 * rms * random.normal() }
        let parametrized = try Expr(parsing: "2*exp(-1.1*x) + 0.5").parametrized()
        let problem = try ConstantProblem(parametrized, variables: ["x"], rows: xs, targets: targets)
        let free = parametrized.values.map { _ in true }
        let values = try problem.refit(parametrized.values, free: free)
        let errors = try problem.standardErrors(values, free: free).map { try #require($0) }
        // The parameters in the truth's order, told apart by their starting values.
        let order = try [2.0, -1.1, 0.5].map { start in try #require(parametrized.values.firstIndex(of: start), "\(parametrized.values)") }
        return (order.map { values[$0] }, order.map { errors[$0] })
    }

    @Test("at 3% noise the true constants lie within 3 standard errors in nearly every seed, and the errors shrink as 1/sqrt(n)")
    func coverage() throws {
        let truth = [2.5, -1.3, 0.4]
        var covered = 0, total = 0
        var small: [Double] = [0, 0, 0], large: [Double] = [0, 0, 0]
        for seed in 1...20 {
            let fitted = try Self.fit(rows: 300, seed: UInt64(seed))
            for k in 0..<3 {
                total += 1
                if abs(fitted.values[k] - truth[k]) <= 3 * fitted.errors[k] { covered += 1 }
                small[k] += fitted.errors[k] / 20
            }
            let more = try Self.fit(rows: 1200, seed: UInt64(100 + seed))
            for k in 0..<3 { large[k] += more.errors[k] / 20 }
        }
        // 99.7% expected: at most two of sixty outside.
        #expect(covered >= total - 2, "\(covered) of \(total) within 3 standard errors")
        for k in 0..<3 {
            let ratio = large[k] / small[k]
            #expect(ratio > 0.42 && ratio < 0.58, "constant \(k): error ratio \(ratio) for 4x the rows; 1/sqrt(4) = 0.5")
        }
    }
}
