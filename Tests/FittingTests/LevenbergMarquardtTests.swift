@testable import Fitting
import Foundation
import Symbolic
import Testing
import TestSupport

/// The Levenberg-Marquardt solver (GSL's trust region) on problems whose minimum is known from their
/// construction, and `ConstantProblem.refit`, which fits some of a formula's constants while holding the others.
@Suite("Levenberg-Marquardt and constant refits")
struct LevenbergMarquardtTests {
    /// 40 times in [0, 4].
    static let times = (0..<40).map { 4 * Double($0) / 39 }

    /// Residuals and Jacobian of `A exp(-k t) + B - y` for parameters `[A, k, B]`.
    static func decay(targets: [Double]) -> (residuals: ([Double], UnsafeMutablePointer<Double>) -> Void,
                                             jacobian: ([Double], UnsafeMutablePointer<Double>) -> Void) {
        ({ p, r in
            for (i, t) in times.enumerated() { r[i] = p[0] * exp(-p[1] * t) + p[2] - targets[i] }
        }, { p, j in
            for (i, t) in times.enumerated() {
                let e = exp(-p[1] * t)
                j[i * 3] = e
                j[i * 3 + 1] = -p[0] * t * e
                j[i * 3 + 2] = 1
            }
        })
    }

    @Test("an exponential decay 5 exp(-1.5 t) + 1 comes back from the start [1, 0.2, 0] to 1e-8")
    func exponentialDecay() throws {
        let targets = Self.times.map { 5 * exp(-1.5 * $0) + 1 }
        let (residuals, jacobian) = Self.decay(targets: targets)
        let result = try LevenbergMarquardt().minimize(start: [1, 0.2, 0], residualCount: targets.count,
                                                       residuals: residuals, jacobian: jacobian)
        #expect(result.status == 0, "\(result.statusMessage)")
        #expect(result.iterations > 0)
        for (found, expected) in zip(result.parameters, [5, 1.5, 1]) {
            expectClose(found, expected, tolerance: 1e-8, "\(result.parameters)")
        }
    }

    @Test("with noise, the decay's fit is the least-squares one: the residuals are orthogonal to the Jacobian's columns")
    func noisyDecay() throws {
        var generator = SeededGenerator(seed: 4)
        let targets = Self.times.map { 5 * exp(-1.5 * $0) + 1 + Double.random(in: -0.05...0.05, using: &generator) }
        let (residuals, jacobian) = Self.decay(targets: targets)
        let result = try LevenbergMarquardt().minimize(start: [1, 0.2, 0], residualCount: targets.count,
                                                       residuals: residuals, jacobian: jacobian)
        let n = targets.count
        var r = [Double](repeating: 0, count: n), j = [Double](repeating: 0, count: n * 3)
        r.withUnsafeMutableBufferPointer { residuals(result.parameters, $0.baseAddress!) }
        j.withUnsafeMutableBufferPointer { jacobian(result.parameters, $0.baseAddress!) }
        // The normal equations J^T r = 0 of a least-squares minimum, relative to |J column| |r|.
        let rNorm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for column in 0..<3 {
            let dot = (0..<n).reduce(0) { $0 + j[$1 * 3 + column] * r[$1] }
            let columnNorm = (0..<n).reduce(0) { $0 + j[$1 * 3 + column] * j[$1 * 3 + column] }.squareRoot()
            #expect(abs(dot) <= 1e-7 * columnNorm * rNorm, "column \(column): J^T r = \(dot)")
        }
        // Near the truth, as noise of 0.05 allows.
        for (found, expected) in zip(result.parameters, [5, 1.5, 1]) { #expect(abs(found - expected) < 0.2, "\(result.parameters)") }
    }

    /// The extended Rosenbrock function as residuals: `10 (x_{2i+1} - x_{2i}^2)` and `1 - x_{2i}`, minimum 0 at all ones.
    static func rosenbrock(start: [Double]) throws -> LevenbergMarquardt.Result {
        let pairs = start.count / 2
        return try LevenbergMarquardt(maxIterations: 500).minimize(start: start, residualCount: 2 * pairs, residuals: { x, r in
            for i in 0..<pairs {
                r[2 * i] = 10 * (x[2 * i + 1] - x[2 * i] * x[2 * i])
                r[2 * i + 1] = 1 - x[2 * i]
            }
        }, jacobian: { x, j in
            let p = 2 * pairs
            for index in 0..<(2 * pairs * p) { j[index] = 0 }
            for i in 0..<pairs {
                j[(2 * i) * p + 2 * i] = -20 * x[2 * i]
                j[(2 * i) * p + 2 * i + 1] = 10
                j[(2 * i + 1) * p + 2 * i] = -1
            }
        })
    }

    @Test("Rosenbrock's valley: from (-1.2, 1) and from distant starts, the minimum at all ones to 1e-8",
          arguments: [[-1.2, 1], [-30, 50], [25, -40], [-1.2, 1, 8, -9], [100, 100, -50, 3]])
    func rosenbrock(start: [Double]) throws {
        let result = try Self.rosenbrock(start: start)
        #expect(result.status == 0, "\(result.statusMessage) after \(result.iterations) iterations: \(result.parameters)")
        for value in result.parameters { expectClose(value, 1, tolerance: 1e-8, "from \(start): \(result.parameters)") }
    }

    @Test("fewer residuals than parameters is refused")
    func underdetermined() {
        #expect(throws: FittingError.invalidData("1 points for 2 parameters")) {
            try LevenbergMarquardt().minimize(start: [0, 0], residualCount: 1, residuals: { _, r in r[0] = 0 }, jacobian: { _, j in
                j[0] = 1
                j[1] = 1
            })
        }
    }

    // MARK: ConstantProblem

    /// `2 exp(-0.5 t) + 0.3` as a parametrized formula, the rows (values of t) and targets `5 exp(-1.5 t) + 1`, and
    /// the slots of the coefficient, the rate (the exponent's coefficient, -0.5) and the constant term.
    static func decayProblem() throws -> (problem: ConstantProblem, start: [Double], a: Int, k: Int, b: Int) {
        let parametrized = try Expr(parsing: "2*exp(-0.5*t) + 0.3").parametrized()
        let problem = try ConstantProblem(parametrized, variables: ["t"], rows: times.map { [$0] },
                                          targets: times.map { 5 * exp(-1.5 * $0) + 1 })
        let values = parametrized.values
        let a = try #require(values.firstIndex(of: 2)), k = try #require(values.firstIndex(of: -0.5)), b = try #require(values.firstIndex(of: 0.3))
        #expect(Set([a, k, b]).count == 3 && values.count == 3, "\(parametrized)")
        return (problem, values, a, k, b)
    }

    @Test("refit with every constant free recovers 5, -1.5 and 1; the RMSE is 0 there")
    func refitAll() throws {
        let (problem, start, a, k, b) = try Self.decayProblem()
        let fitted = try problem.refit(start, free: [true, true, true])
        expectClose(fitted[a], 5, tolerance: 1e-8)
        expectClose(fitted[k], -1.5, tolerance: 1e-8)
        expectClose(fitted[b], 1, tolerance: 1e-8)
        #expect(problem.rmse(fitted) < 1e-9)
        #expect(problem.rmse(start) > 0.1)
    }

    @Test("held constants keep their values exactly; the free ones fit: all the way when the held ones are right")
    func refitHoldingRightValues() throws {
        let (problem, start, a, k, b) = try Self.decayProblem()
        var values = start
        values[b] = 1  // the true constant term, held
        var free = [true, true, true]
        free[b] = false
        let fitted = try problem.refit(values, free: free)
        #expect(fitted[b] == 1)
        expectClose(fitted[a], 5, tolerance: 1e-8)
        expectClose(fitted[k], -1.5, tolerance: 1e-8)

        // Holding the rate (at its true value) and fitting the coefficient and constant term: a linear problem.
        var rate = start
        rate[k] = -1.5
        var freeRate = [true, true, true]
        freeRate[k] = false
        let linear = try problem.refit(rate, free: freeRate)
        #expect(linear[k] == -1.5)
        expectClose(linear[a], 5, tolerance: 1e-9)
        expectClose(linear[b], 1, tolerance: 1e-9)
    }

    @Test("held at a wrong value, a constant stays there, and the free ones reach the best fit given it")
    func refitHoldingWrongValue() throws {
        let (problem, start, _, _, b) = try Self.decayProblem()
        var free = [true, true, true]
        free[b] = false
        let fitted = try problem.refit(start, free: free)
        #expect(fitted[b] == 0.3)
        let best = problem.rmse(fitted)
        #expect(best > 1e-3, "a wrong constant term cannot fit exactly: \(best)")
        #expect(best < problem.rmse(start))
        // A local minimum in the free constants: no small step of one of them lowers the error.
        for slot in free.indices where free[slot] {
            for step in [-1e-4, 1e-4] {
                var moved = fitted
                moved[slot] += step * max(1, abs(fitted[slot]))
                #expect(problem.rmse(moved) >= best, "moving constant \(slot) by \(step) lowers the RMSE")
            }
        }
    }

    @Test("nothing free, or no more rows than free constants: the values come back as they were")
    func refitNothing() throws {
        let (problem, start, _, _, _) = try Self.decayProblem()
        #expect(try problem.refit(start, free: [false, false, false]) == start)
        let parametrized = try Expr(parsing: "2*exp(-0.5*t) + 0.3").parametrized()
        let tiny = try ConstantProblem(parametrized, variables: ["t"], rows: [[0], [1], [2]], targets: [6, 2, 1])
        #expect(try tiny.refit(start, free: [true, true, true]) == start)
        #expect(throws: FittingError.self) {
            try ConstantProblem(parametrized, variables: ["t"], rows: [[0], [1]], targets: [1])
        }
    }
}
