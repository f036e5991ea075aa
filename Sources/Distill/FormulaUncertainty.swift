import Foundation
import Symbolic

/// How uncertain a discovered formula's value is because its fitted constants are: the standard error
/// `sqrt(g^T C g)` at a row (the delta method), `g` the formula's slopes in its fitted constants there and `C` their
/// covariance (`DiscoveryReport.constantsCovariance`). It is the error of the fitted curve, not of a new measurement.
public struct FormulaUncertainty: Sendable {
    /// Per fitted constant, the formula's slope in it, compiled over the variables then the formula's parameters.
    let slopes: [@Sendable ([Double]) throws(EvaluationError) -> Double]
    /// The formula's parameters as written (exact constants too), appended to each row.
    let parameters: [Double]
    /// Per fitted constant, +1 or -1: the sign between the parameter written and the constant reported.
    let signs: [Double]
    let covariance: [[Double]]

    /// The uncertainty of `formula` (of `variables`) from `constants` and their `covariance`; each constant is
    /// found in the formula by its written (rounded) value. Throws when one is not there, or the shapes disagree.
    public init(formula: Expr, variables: [String], constants: [FittedConstant], covariance: [[Double]]) throws(PredictorError) {
        guard covariance.count == constants.count, covariance.allSatisfy({ $0.count == constants.count }) else {
            throw PredictorError("the constants' covariance is not \(constants.count) x \(constants.count)")
        }
        // Not a covariance: a negative variance (an edited result) gave standard errors of 0, silently.
        for i in covariance.indices where !(covariance[i][i] >= 0) {
            throw PredictorError("the constants' covariance is not a covariance: its diagonal entry [\(i)][\(i)] is \(covariance[i][i]), a negative variance")
        }
        let parametrized = formula.parametrized()
        var used = Set<Int>(), slots: [Int] = [], signs: [Double] = []
        for constant in constants {
            let written = constant.rounded
            let matches = parametrized.values.indices.filter { slot in
                !used.contains(slot) && abs(abs(parametrized.values[slot]) - abs(written)) <= 1e-12 * max(abs(written), 1e-300)
            }
            guard let slot = matches.first else {
                throw PredictorError("the fitted constant \(written) is not in the formula \(PlainTextPrinter().print(formula))")
            }
            // Two constants of one value: which slope is whose cannot be told, and a guess could be silently wrong.
            guard matches.count == 1 else {
                throw PredictorError("the formula \(PlainTextPrinter().print(formula)) has \(matches.count) constants of value \(written); which is the fitted one is ambiguous")
            }
            used.insert(slot)
            slots.append(slot)
            signs.append(parametrized.values[slot].sign == written.sign ? 1 : -1)
        }
        do {
            slopes = try slots.map { slot throws(EvaluationError) in
                try parametrized.template.derivative(with: parametrized.names[slot]).compiled(variables: variables + parametrized.names)
            }
        } catch {
            throw PredictorError("the formula's slopes in its constants cannot be computed: \(error)")
        }
        parameters = parametrized.values
        self.signs = signs
        self.covariance = covariance
    }

    /// The standard error of the formula's value at `row` (values of the variables, in order); nil where a slope
    /// is undefined or not finite.
    public func standardError(at row: [Double]) -> Double? {
        let point = row + parameters
        var gradient: [Double] = []
        for (slope, sign) in zip(slopes, signs) {
            guard let value = try? slope(point), value.isFinite else { return nil }
            gradient.append(sign * value)
        }
        var variance = 0.0
        for i in gradient.indices { for j in gradient.indices { variance += gradient[i] * covariance[i][j] * gradient[j] } }
        return max(variance, 0).squareRoot()
    }
}
