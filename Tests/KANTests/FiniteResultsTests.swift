import Datasets
import KAN
import Optimization
import Symbolic
import Testing

/// `FiniteResults` traces NaN and infinity to the data column, the damaged parameter or the settings behind them.
@Suite("Finite results")
struct FiniteResultsTests {
    static let source = DataSource.csv(path: "/data/big.csv", options: CSVOptions(target: "y"))

    static func dataset(largest: Double) throws -> Dataset {
        try Dataset(trainInputs: Matrix([[1], [largest]]), trainLabels: Matrix([[1], [2]]), testInputs: Matrix([[0.5]]),
                    testLabels: Matrix([[1]]), inputNames: ["x"], outputNames: ["y"])
    }

    @Test("a value whose square overflows summed over the rows is named with its column; small values pass")
    func oversizedValue() throws {
        let big = try Self.dataset(largest: 1e200)
        let found = try #require(FiniteResults.oversizedValue(in: big, source: Self.source))
        #expect(found.description == "/data/big.csv: column 'x' holds 1e+200; squared and summed over 3 rows, values this large overflow a Double: rescale the column so its values stay below 7.7e+153 in magnitude")
        #expect(FiniteResults.oversizedValue(in: try Self.dataset(largest: 1e100), source: Self.source) == nil)
        #expect(FiniteResults.trainingFailure(step: 4, dataset: big, source: Self.source, options: []).description
                == "the loss became NaN or infinite at step 4: \(found)")
        #expect(FiniteResults.trainingFailure(epoch: 2, dataset: big, source: Self.source, options: []).description
                == "the loss became NaN or infinite in epoch 2: \(found)")
    }

    @Test("diverged training names the settings; a non-finite metric names the data")
    func divergence() throws {
        let data = try Self.dataset(largest: 2)
        #expect(FiniteResults.trainingFailure(step: 7, dataset: data, source: Self.source, options: [("--lr", "10"), ("--lamb", "5")]).description
                == "the loss became NaN or infinite at step 7: training diverged on /data/big.csv (the model keeps its last finite parameters); lower --lr (now 10) or --lamb (now 5)")
        #expect(try FiniteResults.finite(0.25, "test_rmse", of: "the model's error", on: Self.source) == 0.25)
        #expect(throws: NonFiniteResult.self) { try FiniteResults.finite(.infinity, "test_rmse", of: "the model's error", on: Self.source) }
        // NaN is an undefined value (a formula's log of a negative number on some test rows), not an overflow.
        do {
            _ = try FiniteResults.finite(.nan, "formula_test_rmse", of: "the formula's error", on: Self.source)
            Issue.record("NaN accepted")
        } catch {
            #expect(error.description.hasPrefix("formula_test_rmse is nan: the formula's error is undefined on some rows of /data/big.csv: a function outside its domain there"))
        }
    }

    @Test("a model whose outputs overflow names the checkpoint and its largest parameter")
    func damagedModel() throws {
        let data = try Self.dataset(largest: 2)
        var model = try KANModel(width: [1, 1], grid: 3, k: 3)
        try FiniteResults.checkOutputs(of: model, on: data, source: Self.source, checkpoint: "m.json")
        model.layers[0].nodeScale[0] = 1e300
        do {
            try FiniteResults.checkOutputs(of: model, on: data, source: Self.source, checkpoint: "m.json")
            Issue.record("a damaged model passed")
        } catch let error as NonFiniteResult {
            #expect(error.description.hasPrefix("m.json: the model's output on /data/big.csv reaches "))
            #expect(error.description.contains("its largest parameter is model.layers[0].nodeScale[0] = 1e+300, where a trained model's are near 1"))
        }
    }

    @Test("a model's measured error: RMSE on the rows asked for, accuracy for a classifier, an infinite RMSE refused")
    func measuredError() throws {
        let data = try Dataset(trainInputs: Matrix([[0], [1]]), trainLabels: Matrix([[1], [0]]), testInputs: Matrix([[0.5]]),
                               testLabels: Matrix([[1]]), inputNames: ["x"], outputNames: ["y"])
        let model = try KANModel(width: [1, 1], grid: 3, k: 3)
        let predictions = try model(data.testInputs)
        let test = try model.measuredError(on: data, testRows: true, source: Self.source, classifier: false)
        #expect(test.name == "test_rmse" && test.value == abs(predictions[0, 0] - 1))
        let train = try model.measuredError(on: data, testRows: false, source: Self.source, classifier: false)
        let trainPredictions = try model(data.trainInputs)
        #expect(train.name == "train_rmse" && train.value == Metrics.rmse(trainPredictions, data.trainLabels))
        let accuracy = try model.measuredError(on: data, testRows: false, source: Self.source, classifier: true)
        #expect(accuracy.name == "train_accuracy" && [0, 0.5, 1].contains(accuracy.value))
        let huge = try Dataset(trainInputs: Matrix([[0]]), trainLabels: Matrix([[1e300]]), testInputs: Matrix([[0]]),
                               testLabels: Matrix([[-1e300]]), inputNames: ["x"], outputNames: ["y"])
        #expect(throws: NonFiniteResult.self) { try model.measuredError(on: huge, testRows: true, source: Self.source, classifier: false) }
    }
}
