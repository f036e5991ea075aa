import Fitting
import Foundation
import Symbolic

/// A constant of a discovered formula that did not snap to an exact value, with its standard error: the
/// least-squares covariance of the free constants refitted on all training rows (`ParameterCovariance`).
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
    public var rounded: Double {
        guard let decimals, let rounded = Double(String(format: "%.\(decimals)f", value)), rounded != 0, abs(rounded) != 1 else { return value }
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
    /// `chosen` with its free constants (`freeConstants`) refitted on all training rows, the others held, each
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
        guard free.contains(true), free.filter({ $0 }).count <= refitLimit,
              let problem = try? ConstantProblem(parametrized, variables: data.variables, rows: data.fitRows + data.validationRows,
                                                 targets: data.fitTargets + data.validationTargets,
                                                 weights: data.fitWeights.map { $0 + (data.validationWeights ?? []) }),
              let values = try? problem.refit(parametrized.values, free: free, maxIterations: 50),
              let covariance = try? problem.covariance(values, free: free, absoluteSigma: data.absoluteSigma) else { return chosen }
        let slots = free.indices.filter { free[$0] }
        let errors = covariance.standardErrors
        let printed = PlainTextPrinter().print(chosen.formula)
        let found = slots.indices.compactMap { k -> (position: Int, index: Int, constant: FittedConstant)? in
            guard errors[k].isFinite else { return nil }
            let slot = slots[k]
            return (FittedConstant.position(of: parametrized.values[slot], in: printed), k, FittedConstant(value: values[slot], stderr: errors[k]))
        }.sorted { $0.position < $1.position }
        var written = parametrized.values
        for (k, slot) in slots.enumerated() { written[slot] = FittedConstant(value: values[slot], stderr: errors[k]).rounded }
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
