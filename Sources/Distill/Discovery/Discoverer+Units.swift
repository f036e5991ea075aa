import Datasets
import Foundation
import Optimization
import Symbolic

/// What discovery with units did: the reduction used, or why there was none.
public enum UnitsOutcome: Sendable, Equatable {
    /// The search ran on the dimensionless target and groups (`summary`: `F/(Ef*q) = f(theta)`).
    case reduced(PiReduction, summary: String)
    /// Units gave no reduction (the reason); the search ran on the data as they are.
    case unreduced(String)

    /// The line a report prints after `units: `.
    public var description: String {
        switch self {
        case .reduced(_, let summary): return summary
        case .unreduced(let reason): return "not used: \(reason)"
        }
    }
}

extension Discoverer {
    /// Discovery with the data's units (AI Feynman's dimensional analysis): the search runs on the dimensionless
    /// target as a function of dimensionless groups (`PiReduction`), and each formula found is composed back into
    /// the inputs, so its units balance. Where units cannot reduce the data (a target whose units the inputs cannot
    /// make, inputs that are not positive where powers need them, nothing dimensional) the search runs as without
    /// units, and the outcome says why. Inputs or a target without a row in `units` are an error naming them.
    public static func discover(_ dataset: Dataset, units: UnitsTable, unitsFile: String, options: DiscoveryOptions,
                                progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> (result: DiscoveryResult, units: UnitsOutcome) {
        guard dataset.standardization == nil else {
            throw DistillationError.invalidOption(name: "units", value: unitsFile, reason: "units are those of the raw columns; leave out the standardisation")
        }
        let target = dataset.outputNames.first ?? "y"
        let dimensions = try units.dimensions(of: dataset.inputNames + [target], file: unitsFile)
        let data = try DiscoveryData(dataset, seed: options.seed)
        let reduction: PiReduction
        do {
            reduction = try PiReduction.find(variables: data.variables, dimensions: Array(dimensions.dropLast()), target: target,
                                             targetDimensions: dimensions.last!, inputs: data.fitRows + data.validationRows,
                                             targets: data.fitTargets + data.validationTargets)
        } catch {
            progress("units: \(error)")
            return (try discover(dataset, options: options, progress: progress), .unreduced(error.description))
        }
        let summary = reduction.summary(inputNames: dataset.inputNames, target: target)
        guard !reduction.groups.isEmpty else {
            // No dimensionless group: the target is a constant times the scale, which the power law finds.
            progress("units: \(summary), a constant times a power law")
            return (try discover(dataset, options: options, progress: progress), .reduced(reduction, summary: summary))
        }
        progress("units: \(summary)")
        let reduced = try discover(try reduction.reduced(dataset), options: options, progress: progress)
        return (composed(reduced, by: reduction, on: data), .reduced(reduction, summary: summary))
    }

    /// The reduced search's formulas in the inputs, scored again on the original rows, and the front and choice
    /// made from them.
    private static func composed(_ reduced: DiscoveryResult, by reduction: PiReduction, on data: DiscoveryData) -> DiscoveryResult {
        // The chosen formula is a member of the front.
        let candidates = reduced.front.candidates.compactMap { member -> DiscoveryCandidate? in
            candidate(reduction.composed(member.formula), data: data, origin: member.origin)
        }
        let variance = Metrics.standardDeviation(data.validationTargets) * Metrics.standardDeviation(data.validationTargets)
        let front = ParetoFront(candidates, baselineMSE: variance)
        return DiscoveryResult(chosen: front.chosen, front: front, tried: reduced.tried, variables: data.variables,
                               seconds: reduced.seconds)
    }
}
