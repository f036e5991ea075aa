import Datasets
import Foundation
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
    /// Discovery with the data's units when `units` gives a table (with the path it was read from, for messages),
    /// else without: the result, and what the units did (nil without a table).
    public static func discover(_ dataset: Dataset, units: (table: UnitsTable, file: String)?, options: DiscoveryOptions,
                                progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> (result: DiscoveryResult, units: UnitsOutcome?) {
        guard let units else { return (try discover(dataset, options: options, progress: progress), nil) }
        let (result, outcome) = try discover(dataset, units: units.table, unitsFile: units.file, options: options, progress: progress)
        return (result, outcome)
    }

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
            // No dimensionless group: the target is a constant times the scale. Its constant is fitted and snapped;
            // only data that the scale does not explain (a units table that leaves a variable out) are searched.
            progress("units: \(summary), a constant times the scale")
            if let scaled = scaledConstant(reduction, on: data, options: options) {
                return (scaled, .reduced(reduction, summary: summary))
            }
            return (try discover(dataset, options: options, progress: progress), .reduced(reduction, summary: summary))
        }
        progress("units: \(summary)")
        let reduced = try discover(try reduction.reduced(dataset), options: options, progress: progress)
        return (composed(reduced, by: reduction, on: data), .reduced(reduction, summary: summary))
    }

    /// `c * scale` with `c` fitted on the fitting rows and snapped on the validation rows, as a result of its own,
    /// when it explains the data (validation r2 of at least 0.5); else nil.
    private static func scaledConstant(_ reduction: PiReduction, on data: DiscoveryData, options: DiscoveryOptions) -> DiscoveryResult? {
        let clock = ContinuousClock(), start = clock.now
        let deadline = Deadline(after: options.timeLimit)
        // The least-squares constant to start from: sum(y s) / sum(s^2) over the fitting rows.
        let scales = data.fitRows.map { PiReduction.value(of: reduction.scale, at: $0) }
        let constant = zip(data.fitTargets, scales).reduce(0) { $0 + $1.0 * $1.1 } / scales.reduce(0) { $0 + $1 * $1 }
        guard constant.isFinite, constant != 0,
              let found = polish(Expr.constant(constant) * reduction.scaleExpression, data: data, origin: "units: a constant times the scale",
                                 deadline: deadline, snapping: !options.without.contains(.snapping))?.first else { return nil }
        let variance = data.validationVariance
        guard variance > 0, found.validationMSE <= 0.5 * variance else { return nil }
        let front = ParetoFront([found], baselineMSE: variance)
        return DiscoveryResult(chosen: front.chosen.map { withConstants($0, data: data) }, front: front,
                               tried: ["units: a constant times the scale: \(found.formula)"],
                               variables: data.variables, seconds: start.duration(to: clock.now).inSeconds)
    }

    /// The reduced search's formulas in the inputs, scored again on the original rows, and the front and choice
    /// made from them.
    private static func composed(_ reduced: DiscoveryResult, by reduction: PiReduction, on data: DiscoveryData) -> DiscoveryResult {
        // The chosen formula is a member of the front.
        let candidates = reduced.front.candidates.compactMap { member -> DiscoveryCandidate? in
            rescored(reduction.composed(member.formula), from: member, data: data)
        }
        let variance = data.validationVariance
        let front = ParetoFront(candidates, baselineMSE: variance)
        return DiscoveryResult(chosen: front.chosen.map { withConstants($0, data: data) }, front: front, tried: reduced.tried, variables: data.variables,
                               seconds: reduced.seconds)
    }
}
