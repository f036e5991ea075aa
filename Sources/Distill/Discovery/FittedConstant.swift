import Fitting
import Foundation
import Symbolic

/// A constant of a discovered formula that did not snap to an exact value, with its standard error: the
/// least-squares covariance of the free constants refitted on the training rows (`Discoverer.refitRows`; `ParameterCovariance`).
public struct FittedConstant: Codable, Sendable, Equatable {
    public var value: Double
    public var stderr: Double

    public init(value: Double, stderr: Double) {
        self.value = value
        self.stderr = stderr
    }

    /// The decimal places that show the error to two significant digits (none for an error of 10 or more, which is
    /// shown whole); nil for an error of 0 or below 1e-15.
    var decimals: Int? {
        guard stderr > 0, stderr.isFinite else { return nil }
        let places = max(0, 1 - Int(floor(log10(stderr))))
        return places <= 15 ? places : nil
    }

    /// The value to the decimal place of its error's second significant digit (as it is without an error, and when
    /// rounding would make it 0 or ±1, which a formula does not write as a constant).
    public var rounded: Double { rounded(extraDigits: 0) }

    /// `rounded` with `extraDigits` more decimal places (at most 17 in all): for constants so correlated that each
    /// one's own error is far wider than how much they may move together.
    func rounded(extraDigits: Int) -> Double {
        guard let decimals, case let places = min(decimals + extraDigits, 17),
              let rounded = Double(String(format: "%.\(places)f", value)), rounded != 0, abs(rounded) != 1 else { return value }
        return rounded
    }

    /// `1.3723 ± 0.0043`: the error to two significant digits (whole when 10 or more), the value to the same decimal
    /// place.
    public var text: String {
        guard let decimals else { return "\(value) ± \(stderr)" }
        return String(format: "%.\(decimals)f ± %.\(decimals)f", value, stderr)
    }
}

extension FittedConstant {
    /// `formula`'s constants (`Expr.parametrized`) at their written values, each with its standard error as if they
    /// had just been fitted to `targets` on `rows` (values of `variables`), in the order the printed formula shows
    /// them: how well the data pin each down. Empty when the formula has no constants, more than `limit`, or no
    /// finite value or slope on some row.
    public static func errors(of formula: Expr, variables: [String], rows: [[Double]], targets: [Double], limit: Int = 16) -> [FittedConstant] {
        let parametrized = formula.parametrized()
        let free = parametrized.values.map { _ in true }
        guard !free.isEmpty, free.count <= limit,
              let problem = try? ConstantProblem(parametrized, variables: variables, rows: rows, targets: targets),
              let errors = try? problem.standardErrors(parametrized.values, free: free) else { return [] }
        let printed = PlainTextPrinter().print(formula)
        return parametrized.values.indices.compactMap { slot -> (position: Int, constant: FittedConstant)? in
            guard let error = errors[slot], error.isFinite else { return nil }
            return (position(of: parametrized.values[slot], in: printed), FittedConstant(value: parametrized.values[slot], stderr: error))
        }.sorted { $0.position < $1.position }.map(\.constant)
    }

    /// Where the constant `value` is first written in `printed` (a formula's plain text), for listing constants in
    /// the order a reader meets them; past the end when it is not found.
    static func position(of value: Double, in printed: String) -> Int {
        let spelled = PlainTextPrinter().print(.constant(abs(value)))
        return printed.range(of: spelled).map { printed.distance(from: printed.startIndex, to: $0.lowerBound) } ?? Int.max
    }
}

extension Discoverer {
    /// The most rows the chosen formula's constants are refitted on, after the search's deadline: 20,000 rows give
    /// errors far below any constant a law prints.
    static let maximumRefitRows = 20_000

    /// The work the refit after the deadline may take, in evaluations of a formula's nodes: rows times
    /// `refitIterations` times (constants + 1) evaluations of a formula of `complexity` nodes, about a second here.
    /// On a million points, I.37.4's chosen formula (14 constants, complexity 45) was refitted for 105 s past a 5 s
    /// limit on all 151,500 rows fitted and chosen on, and for 11.6 s on 20,000.
    static let refitBudget = 50_000_000

    /// The Levenberg-Marquardt iterations of that refit.
    static let refitIterations = 50

    /// The rows the constants of a formula of `complexity` with `constants` free constants are refitted on: the rows
    /// fitted and chosen on (all training rows of a small data set), or an evenly spaced part of them, as many as
    /// `refitBudget` affords (never fewer than 2,000, more than the search fitted on, nor more than `maximumRefitRows`).
    static func refitRows(_ data: DiscoveryData, complexity: Int, constants: Int) -> (inputs: [[Double]], targets: [Double], weights: [Double]?) {
        let inputs = data.fitRows + data.validationRows, targets = data.fitTargets + data.validationTargets
        let weights = data.fitWeights.map { $0 + (data.validationWeights ?? []) }
        let affordable = refitBudget / max(1, refitIterations * (constants + 1) * max(complexity, 1))
        let limit = min(maximumRefitRows, max(2_000, affordable))
        let step = (inputs.count + limit - 1) / limit
        guard step > 1 else { return (inputs, targets, weights) }
        let kept = Array(stride(from: 0, to: inputs.count, by: step))
        return (kept.map { inputs[$0] }, kept.map { targets[$0] }, weights.map { w in kept.map { w[$0] } })
    }

    /// The refitted `values` with the constants in `slots` rounded to their `errors`' precision (`FittedConstant.rounded`),
    /// or to as many more digits as keep the fit: rounding each of several strongly correlated constants within its
    /// own error can move them far outside where they may go together (a near-degenerate `a*exp(b*exp(c*(x + d)^2))`
    /// lost its fit, test r2 0.995 -> 0.355). Kept when the RMSE on the refit's rows grows by less than 0.1%.
    static func writtenValues(_ values: [Double], slots: [Int], errors: [Double], problem: ConstantProblem) -> [Double] {
        let best = problem.rmse(values)
        for extra in [0, 1, 2, 4, 8] {
            var written = values
            for (k, slot) in slots.enumerated() { written[slot] = FittedConstant(value: values[slot], stderr: errors[k]).rounded(extraDigits: extra) }
            if problem.rmse(written) <= best * 1.001 + 1e-300 { return written }
        }
        return values
    }

    /// `chosen` with its free constants (`freeConstants`) refitted on the training rows (`refitRows`), the others held, each
    /// given its standard error (in the order the printed formula shows them) and written to the precision that
    /// error allows, its errors scored again. As it was when it has none, when it is longer than a law
    /// (`positivityLimit`), or when the errors cannot be computed (too few rows, a formula without a finite slope on
    /// some row).
    static func withConstants(_ chosen: DiscoveryCandidate, data: DiscoveryData) -> DiscoveryCandidate {
        // Only for a law's size: refitting and differentiating a network's tangle of a hundred nodes, after the
        // search's deadline, took 8 s (I.15.3x), and error bars on such a formula's constants mean nothing.
        guard !chosen.freeConstants.isEmpty, chosen.complexity <= positivityLimit else { return chosen }
        let parametrized = chosen.formula.parametrized()
        let free = parametrized.values.map { chosen.freeConstants.contains($0) }
        let freeCount = free.filter { $0 }.count
        let rows = refitRows(data, complexity: chosen.complexity, constants: freeCount)
        guard freeCount > 0, freeCount <= refitLimit,
              let problem = try? ConstantProblem(parametrized, variables: data.variables, rows: rows.inputs, targets: rows.targets,
                                                 weights: rows.weights),
              let values = try? problem.refit(parametrized.values, free: free, maxIterations: refitIterations),
              let covariance = try? problem.covariance(values, free: free, absoluteSigma: data.absoluteSigma) else { return chosen }
        let slots = free.indices.filter { free[$0] }
        let errors = covariance.standardErrors
        let printed = PlainTextPrinter().print(chosen.formula)
        let found = slots.indices.compactMap { k -> (position: Int, index: Int, constant: FittedConstant)? in
            guard errors[k].isFinite else { return nil }
            let slot = slots[k]
            return (FittedConstant.position(of: parametrized.values[slot], in: printed), k, FittedConstant(value: values[slot], stderr: errors[k]))
        }.sorted { $0.position < $1.position }
        let written = writtenValues(values, slots: slots, errors: errors, problem: problem)
        guard var result = rescored(parametrized.expression(with: written), from: chosen, data: data) else { return chosen }
        // Already written for positive inputs: scoring it again finds nothing left to rewrite.
        result.assumedPositive = chosen.assumedPositive
        result.constants = found.map(\.constant)
        // Propagating errors needs every free constant's: with one left out it would be held exact.
        let p = covariance.parameterCount
        result.constantCovariance = found.count < slots.count ? []
            : found.map { row in found.map { column in covariance.matrix[row.index * p + column.index] } }
        return result
    }
}
