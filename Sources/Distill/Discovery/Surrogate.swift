import Datasets
import Foundation
import KAN
import Optimization

/// A KAN trained to stand in for the unknown law, so that the structure tests (`StructureTests`) can ask for its
/// value at points the data do not hold: the oracle of AI Feynman's decomposition, here a KAN. Trained on the
/// target, and on `log|y|` when the target keeps one sign; the one with the lower validation error is kept.
struct Surrogate: Sendable {
    private let model: KANModel
    /// The sign of the target when the model learned `log|y|`, else nil.
    private let logSign: Double?
    /// Validation RMSE relative to the targets' standard deviation: the oracle's noise level.
    private(set) var relativeError: Double

    /// Evaluations of the objective the first training (60 LBFGS steps of up to 20 iterations) takes at the least.
    static let evaluations = 60 * 20

    /// Throws `Skipped` when the surrogate (at its refined grid) would need more than `memory` bytes or more time
    /// than `deadline` leaves.
    static func preflight(_ data: DiscoveryData, seed: UInt64, deadline: Deadline, memory: Double) throws {
        let n = data.variables.count
        let refined = KANConfiguration(width: [n, 2 * n + 1, 1], grid: 10, order: 3, seed: seed)
        try KANCost(refined, rows: data.fitRows.count)
            .check("the surrogate KAN \(refined.widthDescription)", evaluations: evaluations, memory: memory, deadline: deadline)
    }

    /// Trains `[n, 2n+1, 1]` networks (grid 5, then refined to 10) with `seed`; nil when none trains. Throws
    /// `Skipped` when the network would need more than `memory` bytes or more time than is left (its edges grow as
    /// `n^2`: eight million on 2000 inputs), `Deadline.Passed` past the deadline.
    static func train(_ data: DiscoveryData, seed: UInt64, deadline: Deadline,
                      memory: Double = KANCost.memoryBudget(threads: 1)) throws -> Surrogate? {
        let n = data.variables.count
        let spread = Metrics.standardDeviation(data.validationTargets)
        guard spread > 0 else { return nil }
        try preflight(data, seed: seed, deadline: deadline, memory: memory)
        let configuration = KANConfiguration(width: [n, 2 * n + 1, 1], grid: 5, order: 3, seed: seed)
        var best: Surrogate?
        for logSign in [nil] + (data.targetSign.map { [$0] } ?? []) {
            try deadline.check()
            let transform: (Double) -> Double = logSign == nil ? { $0 } : { Foundation.log(abs($0)) }
            let training = try Dataset(
                trainInputs: Matrix(data.fitRows), trainLabels: Matrix(data.fitTargets.map { [transform($0)] }),
                testInputs: Matrix(data.validationRows), testLabels: Matrix(data.validationTargets.map { [transform($0)] }),
                inputNames: data.variables)
            var model = try KANModel(configuration)
            do {
                try model.fit(training, options: FitOptions(steps: 60), deadline: deadline)
                try deadline.check()
                model = try model.refined(grid: 10, samples: training.trainInputs)
                try model.fit(training, options: FitOptions(steps: 60, updateGrid: false), deadline: deadline)
            } catch let error as KANError {
                guard case .nonFiniteLoss = error else { throw error }
                continue
            }
            var candidate = Surrogate(model: model, logSign: logSign, relativeError: .infinity)
            let rmse = Metrics.rmse(candidate.values(data.validationRows), data.validationTargets)
            guard rmse.isFinite else { continue }
            candidate.relativeError = rmse / spread
            if best.map({ candidate.relativeError < $0.relativeError }) ?? true { best = candidate }
        }
        return best
    }

    /// The surrogate's values at `rows` (each a full row of the data's inputs); NaN where the network fails.
    func values(_ rows: [[Double]]) -> [Double] {
        guard !rows.isEmpty, let output = try? model(Matrix(rows)) else { return [Double](repeating: .nan, count: rows.count) }
        guard let sign = logSign else { return output.values }
        return output.values.map { sign * Foundation.exp($0) }
    }
}
