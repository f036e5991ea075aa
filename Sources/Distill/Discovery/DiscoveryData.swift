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
    /// The target's sign when it never changes (and is never 0), else nil.
    var targetSign: Double?
    var positiveInputs: Bool
    /// The variables whose every value (training and test rows) is positive: formulas are simplified assuming so.
    var positiveVariables: Set<String>

    /// The validation targets' variance: the error of the constant model, which PySR's choice scores the simplest
    /// formula against.
    var validationVariance: Double {
        let spread = Metrics.standardDeviation(validationTargets)
        return spread * spread
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
        let all = dataset.trainLabels.values + dataset.testLabels.values
        targetSign = all.allSatisfy { $0 > 0 } ? 1 : (all.allSatisfy { $0 < 0 } ? -1 : nil)
        positiveInputs = (dataset.trainInputs.values + dataset.testInputs.values).allSatisfy { $0 > 0 }
        let names = variables
        positiveVariables = Set(names.indices.filter { column in
            dataset.trainInputs.column(column).allSatisfy { $0 > 0 } && dataset.testInputs.column(column).allSatisfy { $0 > 0 }
        }.map { names[$0] })
    }
}
