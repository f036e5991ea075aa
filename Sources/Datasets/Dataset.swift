import Optimization
import Symbolic

/// Training and test data for a model: inputs `rows x features`, labels `rows x outputs` (or one column of class
/// indices for cross-entropy), and the names of the features and outputs.
public struct Dataset: Sendable, Equatable {
    public var trainInputs: Matrix
    public var trainLabels: Matrix
    public var testInputs: Matrix
    public var testLabels: Matrix
    public var inputNames: [String]
    public var outputNames: [String]
    /// How the inputs were standardised from the raw columns, if they were.
    public var standardization: Standardization?
    /// The rows' weights in a fit (from a column of measurement errors or weights), if the data have them.
    public var weights: RowWeights?

    /// A dataset from matrices; checks that shapes agree and every value is finite.
    public init(trainInputs: Matrix, trainLabels: Matrix, testInputs: Matrix, testLabels: Matrix,
                inputNames: [String]? = nil, outputNames: [String]? = nil) throws(DatasetError) {
        for (name, matrix) in [("train inputs", trainInputs), ("train labels", trainLabels),
                               ("test inputs", testInputs), ("test labels", testLabels)] {
            guard matrix.rows > 0, matrix.columns > 0 else { throw .emptyData(name) }
            if let index = matrix.values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteData(what: name, row: index / matrix.columns, column: index % matrix.columns)
            }
        }
        guard trainInputs.rows == trainLabels.rows else {
            throw .shapeMismatch(what: "train label rows (one per input row)", expected: trainInputs.rows, found: trainLabels.rows)
        }
        guard testInputs.rows == testLabels.rows else {
            throw .shapeMismatch(what: "test label rows (one per input row)", expected: testInputs.rows, found: testLabels.rows)
        }
        guard trainInputs.columns == testInputs.columns else {
            throw .shapeMismatch(what: "test input columns (as many as train)", expected: trainInputs.columns, found: testInputs.columns)
        }
        guard trainLabels.columns == testLabels.columns else {
            throw .shapeMismatch(what: "test label columns (as many as train)", expected: trainLabels.columns, found: testLabels.columns)
        }
        self.trainInputs = trainInputs
        self.trainLabels = trainLabels
        self.testInputs = testInputs
        self.testLabels = testLabels
        self.inputNames = inputNames ?? (1...trainInputs.columns).map { "x\($0)" }
        self.outputNames = outputNames ?? (1...trainLabels.columns).map { "y\($0)" }
        guard self.inputNames.count == trainInputs.columns else {
            throw .shapeMismatch(what: "input names", expected: trainInputs.columns, found: self.inputNames.count)
        }
        guard self.outputNames.count == trainLabels.columns else {
            throw .shapeMismatch(what: "output names", expected: trainLabels.columns, found: self.outputNames.count)
        }
    }

    /// pykan's `create_dataset`: every variable uniform on its range, drawn variable by variable (train column,
    /// then test column), labels from `function` of each row.
    public init(function: ([Double]) -> [Double], variables: Int, ranges: [ClosedRange<Double>] = [-1...1],
                trainCount: Int = 1000, testCount: Int = 1000, seed: UInt64 = 0,
                inputNames: [String]? = nil) throws(DatasetError) {
        guard variables > 0 else { throw .invalidOption(name: "n_var", value: "\(variables)", reason: "must be positive") }
        guard ranges.count == 1 || ranges.count == variables else {
            throw .shapeMismatch(what: "ranges (one, or one per variable)", expected: variables, found: ranges.count)
        }
        guard trainCount > 0, testCount > 0 else { throw .emptyData("a dataset with \(trainCount) train and \(testCount) test rows") }
        if let bad = ranges.first(where: { !($0.upperBound - $0.lowerBound).isFinite }) {
            throw .invalidOption(name: "range", value: "\(bad.lowerBound)...\(bad.upperBound)", reason: "wider than a Double can hold; narrow it")
        }
        var random = SeededRandom(seed: seed)
        var train = Matrix(rows: trainCount, columns: variables), test = Matrix(rows: testCount, columns: variables)
        for v in 0..<variables {
            let range = ranges.count == 1 ? ranges[0] : ranges[v]
            for r in 0..<trainCount { train[r, v] = random.uniform(range.lowerBound, range.upperBound) }
            for r in 0..<testCount { test[r, v] = random.uniform(range.lowerBound, range.upperBound) }
        }
        func labels(_ inputs: Matrix) -> Matrix { Matrix((0..<inputs.rows).map { function(inputs.row($0)) }) }
        try self.init(trainInputs: train, trainLabels: labels(train), testInputs: test, testLabels: labels(test),
                      inputNames: inputNames)
    }

    /// `create_dataset` with a symbolic formula; variables are the formula's in natural order unless given.
    /// A point where the formula is undefined is an error naming it.
    public init(expression: Expr, variables names: [String]? = nil, ranges: [ClosedRange<Double>] = [-1...1],
                trainCount: Int = 1000, testCount: Int = 1000, seed: UInt64 = 0) throws(DatasetError) {
        try self.init(expression: ExprWithDomain(expression), variables: names, ranges: ranges, trainCount: trainCount,
                      testCount: testCount, seed: seed)
    }

    /// `create_dataset` with a formula as written: a point where the written form has no value (`0*log(x)` at
    /// `x = 0`), or where the value overflows, is an error naming the point.
    public init(expression written: ExprWithDomain, variables names: [String]? = nil, ranges: [ClosedRange<Double>] = [-1...1],
                trainCount: Int = 1000, testCount: Int = 1000, seed: UInt64 = 0) throws(DatasetError) {
        let expression = written.expr
        let variables = names ?? expression.variables
        guard !variables.isEmpty else {
            throw .invalidOption(name: "function", value: "\(expression)", reason: "has no variables")
        }
        let compiled: @Sendable ([Double]) throws(EvaluationError) -> Double
        do { compiled = try written.compiled(variables: variables) } catch {
            throw .invalidOption(name: "function", value: "\(expression)", reason: error.description)
        }
        var failure: (row: [Double], error: EvaluationError)?
        try self.init(function: { row in
            do throws(EvaluationError) { return [try compiled(row)] } catch {
                if failure == nil { failure = (row, error) }
                return [0]
            }
        }, variables: variables.count, ranges: ranges, trainCount: trainCount, testCount: testCount, seed: seed,
           inputNames: variables)
        if let failure {
            throw .invalidOption(name: "function", value: "\(expression)",
                                         reason: "\(failure.error) at \(zip(variables, failure.row).map { "\($0)=\($1)" }.joined(separator: ", "))")
        }
        // The target is `y`, unless an input has that name (`x*y`): then the first of `y_1`, `y_2`, ... that none has,
        // so a saved result never lists its target among its inputs.
        var target = "y", suffix = 0
        while inputNames.contains(target) {
            suffix += 1
            target = "y_\(suffix)"
        }
        outputNames = [target]
    }
}

extension Dataset {
    /// For classification data (labels one column of small class indices, see `Metrics.isClassification`): the
    /// number of classes, the largest index in either set plus one. Nil for regression.
    public var classCount: Int? {
        // The test labels too: a test label of 1e19 beside training labels 0 and 1 trapped converting to Int.
        guard Metrics.isClassification(trainLabels), testLabels.columns == 1,
              testLabels.values.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 1000 }) else { return nil }
        return Int(max(trainLabels.values.max() ?? 0, testLabels.values.max() ?? 0)) + 1
    }

    /// The most classes cross-entropy training may have (one model output each).
    public static let maximumClassCount = 100_000

    /// The outputs a model trained with cross-entropy needs, one per class: the largest label in either set plus
    /// one. Throws unless the labels are one column of class indices, whole numbers from 0 to
    /// `maximumClassCount - 1` (a label of 1e19 trapped converting to Int; one of 1e8 asked for 1e8 outputs).
    public func crossEntropyClassCount() throws(DatasetError) -> Int {
        guard trainLabels.columns == 1 else {
            throw .shapeMismatch(what: "label columns for cross-entropy (one class index)", expected: 1, found: trainLabels.columns)
        }
        for (set, labels) in [("training", trainLabels), ("test", testLabels)] {
            let valid = { (label: Double) in label >= 0 && label < Double(Self.maximumClassCount) && label == label.rounded() }
            if let index = labels.values.firstIndex(where: { !valid($0) }) {
                throw .invalidOption(name: "label", value: "\(labels.values[index]) in column '\(outputNames.first ?? "")' (\(set) row \(index / labels.columns + 1))",
                                     reason: "cross-entropy (--loss ce) needs class indices, whole numbers from 0 to \(Self.maximumClassCount - 1)")
            }
        }
        return Int(max(trainLabels.values.max() ?? 0, testLabels.values.max() ?? 0)) + 1
    }
}
