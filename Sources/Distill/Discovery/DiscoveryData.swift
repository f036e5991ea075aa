import Datasets
import Optimization
import Symbolic

/// The rows discovery works on: the training rows split into rows to fit on and rows to choose by (validation),
/// the test rows that report the result, and the inputs' names as formula variables.
public struct DiscoveryData: Sendable {
    public var variables: [String]
    var fitRows: [[Double]]
    var fitTargets: [Double]
    var validationRows: [[Double]]
    var validationTargets: [Double]
    var testRows: [[Double]]
    var testTargets: [Double]
    /// The rows' weights (1/sigma^2 for measurement errors), as the rows above; nil when every row counts alike.
    /// They weigh the refits of constants and the choice among formulas; the networks and curve fits that propose
    /// a formula's shape are unweighted.
    var fitWeights: [Double]?
    var validationWeights: [Double]?
    /// True when the weights are 1/sigma^2 of known errors (standard errors are then not rescaled by the residuals).
    var absoluteSigma = false
    /// The target's sign when it never changes (and is never 0), else nil.
    var targetSign: Double?
    var positiveInputs: Bool
    /// The variables whose every value (training and test rows) is positive: formulas are simplified assuming so.
    var positiveVariables: Set<String>

    /// Throws unless `weights` has one finite weight >= 0 per training and test row.
    private static func check(_ weights: RowWeights, dataset: Dataset) throws(DistillationError) {
        guard weights.train.count == dataset.trainInputs.rows, weights.test.count == dataset.testInputs.rows else {
            throw .invalidOption(name: "weights", value: "\(weights.train.count) + \(weights.test.count)",
                                 reason: "one weight per training and test row is needed (\(dataset.trainInputs.rows) + \(dataset.testInputs.rows))")
        }
        if let bad = (weights.train + weights.test).first(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidOption(name: "weights", value: "\(bad)", reason: "weights must be finite and >= 0")
        }
    }

    /// The validation targets' variance (weighted when the rows are): the error of the constant model, which PySR's
    /// choice scores the simplest formula against.
    var validationVariance: Double {
        let weights = validationWeights ?? validationTargets.map { _ in 1 }
        let total = weights.reduce(0, +)
        let mean = zip(weights, validationTargets).reduce(0) { $0 + $1.0 * $1.1 } / total
        return zip(weights, validationTargets).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) } / total
    }

    /// The weighted mean squared error of `predictions` of the validation rows (plain when unweighted).
    func validationMSE(_ predictions: [Double]) -> Double {
        Metrics.meanSquaredError(predictions, validationTargets, weights: validationWeights)
    }

    /// Splits `dataset`'s training rows: every `validationEvery`-th row validates (after a seeded shuffle), at most
    /// `maximumFitRows` of the others fit.
    public init(_ dataset: Dataset, seed: UInt64 = 0, validationEvery: Int = 5, maximumFitRows: Int = 1500) throws(DistillationError) {
        guard dataset.trainLabels.columns == 1 else {
            throw .invalidOption(name: "target", value: "\(dataset.trainLabels.columns) columns", reason: "discovery finds one formula for one target column")
        }
        guard dataset.trainInputs.rows >= 10 else {
            throw .invalidOption(name: "data", value: "\(dataset.trainInputs.rows) training rows", reason: "discovery needs at least 10")
        }
        variables = dataset.inputVariables
        var random = SeededRandom(seed: seed)
        var order = Array(0..<dataset.trainInputs.rows)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let validation = order.enumerated().filter { $0.offset % validationEvery == 0 }.map(\.element)
        let fit = order.enumerated().filter { $0.offset % validationEvery != 0 }.map(\.element).prefix(maximumFitRows)
        fitRows = fit.map { dataset.trainInputs.row($0) }
        fitTargets = fit.map { dataset.trainLabels[$0, 0] }
        validationRows = validation.map { dataset.trainInputs.row($0) }
        validationTargets = validation.map { dataset.trainLabels[$0, 0] }
        testRows = (0..<dataset.testInputs.rows).map { dataset.testInputs.row($0) }
        testTargets = dataset.testLabels.values
        if let weights = dataset.weights {
            try Self.check(weights, dataset: dataset)
            fitWeights = fit.map { weights.train[$0] }
            validationWeights = validation.map { weights.train[$0] }
            absoluteSigma = weights.absolute
            for (part, values) in [("fitting", fitWeights!), ("validation", validationWeights!)] where !values.contains(where: { $0 > 0 }) {
                throw .invalidOption(name: "weights", value: "column '\(weights.column)'", reason: "every \(part) row has weight 0 (discovery fits on four fifths of the training rows and chooses on the rest); give more rows a weight above 0")
            }
        }
        let all = dataset.trainLabels.values + dataset.testLabels.values
        targetSign = all.allSatisfy { $0 > 0 } ? 1 : (all.allSatisfy { $0 < 0 } ? -1 : nil)
        positiveInputs = (dataset.trainInputs.values + dataset.testInputs.values).allSatisfy { $0 > 0 }
        let names = variables
        positiveVariables = Set(names.indices.filter { column in
            dataset.trainInputs.column(column).allSatisfy { $0 > 0 } && dataset.testInputs.column(column).allSatisfy { $0 > 0 }
        }.map { names[$0] })
    }
}
