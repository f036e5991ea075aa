import Fitting
import Foundation
import Symbolic
import Testing
import TestSupport

/// Weighted least squares (weights 1/sigma^2 of each row's measurement error): closed form of a straight line,
/// rows with large errors discounted, and standard errors that use the given sigmas.
@Suite("Weighted fits")
struct WeightedFitTests {
    typealias Deviates = ParameterCovarianceTests.Deviates

    @Test("a weighted straight line: the constants and the absolute covariance (X^T W X)^-1 of the closed form")
    func weightedLine() throws {
        var random = Deviates(state: 7)
        let xs = (0..<60).map { _ in random.uniform() * 4 }
        let sigmas = xs.indices.map { 0.02 + 0.3 * Double($0 % 3) }
        let ys = zip(xs, sigmas).map { 1 + 2 * $0 + $1 * random.normal() }
        let w = sigmas.map { 1 / ($0 * $0) }
        // Weighted least squares in closed form.
        let sw = w.reduce(0, +), swx = zip(w, xs).reduce(0) { $0 + $1.0 * $1.1 }
        let swxx = zip(w, xs).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        let swy = zip(w, ys).reduce(0) { $0 + $1.0 * $1.1 }, swxy = xs.indices.reduce(0) { $0 + w[$1] * xs[$1] * ys[$1] }
        let determinant = sw * swxx - swx * swx
        let slope = (sw * swxy - swx * swy) / determinant, intercept = (swy - slope * swx) / sw
        let parametrized = try Expr(parsing: "0.5 + 1.5*x").parametrized()
        let problem = try ConstantProblem(parametrized, variables: ["x"], rows: xs.map { [$0] }, targets: ys, weights: w)
        let free = [true, true]
        let values = try problem.refit(parametrized.values, free: free)
        let order = try [0.5, 1.5].map { start in try #require(parametrized.values.firstIndex(of: start)) }
        #expect(abs(values[order[0]] - intercept) < 1e-9 && abs(values[order[1]] - slope) < 1e-9, "\(values) vs \(intercept), \(slope)")
        let errors = try problem.standardErrors(values, free: free, absoluteSigma: true).map { try #require($0) }
        #expect(abs(errors[order[0]] - (swxx / determinant).squareRoot()) < 1e-9 * errors[order[0]])
        #expect(abs(errors[order[1]] - (sw / determinant).squareRoot()) < 1e-9 * errors[order[1]])
        // Relative weights: the same constants; the errors rescaled by the residuals' weighted variance.
        let relative = try problem.standardErrors(values, free: free).map { try #require($0) }
        let chi2 = xs.indices.reduce(0) { $0 + w[$1] * pow(intercept + slope * xs[$1] - ys[$1], 2) } / Double(xs.count - 2)
        #expect(abs(relative[order[1]] - errors[order[1]] * chi2.squareRoot()) < 1e-9 * relative[order[1]])
        // The weighted RMSE is the square root of the weighted mean squared error.
        let rmse = (xs.indices.reduce(0) { $0 + w[$1] * pow(intercept + slope * xs[$1] - ys[$1], 2) } / sw).squareRoot()
        #expect(abs(problem.rmse(values) - rmse) < 1e-12 * rmse)
    }

    @Test("rows with large known errors hardly move the fit; unweighted they pull it away")
    func outliersDiscounted() throws {
        var random = Deviates(state: 3)
        let xs = (0..<200).map { _ in [random.uniform() * 2] }
        // Every fifth row is off by about 1 and says so (sigma 1); the others are good to 0.001.
        let sigmas = xs.indices.map { $0 % 5 == 0 ? 1.0 : 0.001 }
        let ys = xs.indices.map { 3 * exp(-0.7 * xs[$0][0]) + (sigmas[$0] == 1 ? 1 + 0.3 * random.normal() : 0.001 * random.normal()) }
        let formula = try Expr(parsing: "2*exp(-0.5*x)")
        let weighted = try FormulaFitter().fit(formula, variables: ["x"], rows: xs, targets: ys, weights: sigmas.map { 1 / ($0 * $0) })
        let plain = try FormulaFitter().fit(formula, variables: ["x"], rows: xs, targets: ys)
        func constants(_ e: Expr) -> [Double] { e.parametrized().values.map(abs).sorted() }
        let (w, p) = (constants(weighted.formula), constants(plain.formula))
        #expect(abs(w[0] - 0.7) < 0.002 && abs(w[1] - 3) < 0.005, "weighted: \(weighted.formula)")
        #expect(abs(p[1] - 3) > 0.05, "unweighted: \(plain.formula)")
    }

    @Test("bad weights are an error: negative, non-finite, all zero, the wrong count")
    func badWeights() throws {
        let parametrized = try Expr(parsing: "2*x").parametrized()
        for weights in [[1, -1, 1], [1, .nan, 1], [0, 0, 0], [1, 1]] as [[Double]] {
            #expect(throws: FittingError.self) {
                try ConstantProblem(parametrized, variables: ["x"], rows: [[1], [2], [3]], targets: [2, 4, 6], weights: weights)
            }
        }
    }

    @Test("known 3% errors of each row: the truth within 3 standard errors in nearly every seed")
    func coverageWithSigma() throws {
        let truth = [2.5, -1.3, 0.4]
        var covered = 0, total = 0
        for seed in 1...20 {
            var random = Deviates(state: UInt64(500 + seed))
            let xs = (0..<300).map { _ in [3 * random.uniform()] }
            let clean = xs.map { 2.5 * exp(-1.3 * $0[0]) + 0.4 }
            // Each row's own error: 3% of its value, so rows differ by a factor of eight.
            let sigmas = clean.map { 0.03 * $0 }
            let targets = zip(clean, sigmas).map { $0 + $1 * random.normal() }
            let parametrized = try Expr(parsing: "2*exp(-1.1*x) + 0.5").parametrized()
            let problem = try ConstantProblem(parametrized, variables: ["x"], rows: xs, targets: targets, weights: sigmas.map { 1 / ($0 * $0) })
            let free = [true, true, true]
            let values = try problem.refit(parametrized.values, free: free)
            let errors = try problem.standardErrors(values, free: free, absoluteSigma: true).map { try #require($0) }
            let order = try [2.0, -1.1, 0.5].map { start in try #require(parametrized.values.firstIndex(of: start)) }
            for k in 0..<3 {
                total += 1
                if abs(values[order[k]] - truth[k]) <= 3 * errors[order[k]] { covered += 1 }
            }
        }
        #expect(covered >= total - 2, "\(covered) of \(total) within 3 standard errors")
    }

    @Test("rows of weight 0 are no measurements: the errors are those of the fit without them")
    func zeroWeightRows() throws {
        var random = Deviates(state: 9)
        let xs = (0..<80).map { _ in random.uniform() * 3 }
        let ys = xs.map { 0.7 + 1.9 * $0 + 0.1 * random.normal() }
        let weights = xs.indices.map { $0 % 2 == 0 ? 1.0 : 0 }
        let parametrized = try Expr(parsing: "0.5 + 2*x").parametrized()
        let weighted = try ConstantProblem(parametrized, variables: ["x"], rows: xs.map { [$0] }, targets: ys, weights: weights)
        let kept = xs.indices.filter { weights[$0] > 0 }
        let plain = try ConstantProblem(parametrized, variables: ["x"], rows: kept.map { [xs[$0]] }, targets: kept.map { ys[$0] })
        let free = [true, true]
        let values = try plain.refit(parametrized.values, free: free)
        let (a, b) = (try weighted.standardErrors(values, free: free), try plain.standardErrors(values, free: free))
        for (x, y) in zip(a, b) { #expect(abs(x! - y!) <= 1e-12 * y!, "\(a) vs \(b)") }
    }
}
