import Datasets
import Foundation
import KAN
import Optimization
import Testing

/// `Checkpoint.recordedData` finds a checkpoint's data beside it; `checkData` refuses data changed since the save
/// and a model whose outputs on them overflow.
@Suite("Checkpoint data")
struct CheckpointDataTests {
    static func dataset(_ last: Double) throws -> Dataset {
        try Dataset(trainInputs: Matrix([[0], [1], [last]]), trainLabels: Matrix([[0], [1], [0.5]]), testInputs: Matrix([[0.5]]),
                    testLabels: Matrix([[0.5]]), inputNames: ["x"], outputNames: ["y"])
    }

    @Test("a relative recorded path is taken relative to the checkpoint's folder; an absolute one is kept")
    func recordedData() throws {
        let model = try KANModel(width: [1, 1], grid: 3, k: 3)
        let relative = Checkpoint(model: model, data: .csv(path: "data/d.csv", options: CSVOptions(target: "y")))
        #expect(relative.recordedData(file: "/models/m.json") == .csv(path: "/models/data/d.csv", options: CSVOptions(target: "y")))
        let absolute = Checkpoint(model: model, data: .csv(path: "/d.csv", options: CSVOptions(target: "y")))
        #expect(absolute.recordedData(file: "/models/m.json") == .csv(path: "/d.csv", options: CSVOptions(target: "y")))
        #expect(Checkpoint(model: model).recordedData(file: "/models/m.json") == nil)
    }

    @Test("recorded data that changed are refused with both fingerprints; given data and the same data pass")
    func changedData() throws {
        let source = DataSource.csv(path: "/d.csv", options: CSVOptions(target: "y"))
        let saved = try Self.dataset(0.25), changed = try Self.dataset(0.75)
        var model = try KANModel(width: [1, 1], grid: 3, k: 3)
        let checkpoint = Checkpoint(model: model, data: source, dataset: saved)
        try checkpoint.checkData(saved, source: source, recorded: true, file: "m.json")
        try checkpoint.checkData(changed, source: source, recorded: false, file: "m.json")
        do {
            try checkpoint.checkData(changed, source: source, recorded: true, file: "m.json")
            Issue.record("changed data passed")
        } catch let error as ChangedDataError {
            #expect(error.description == "m.json was saved with other data than /d.csv holds now (then: \(DataFingerprint(saved)); now: \(DataFingerprint(changed)))")
        }
        model.layers[0].nodeScale[0] = 1e300
        #expect(throws: NonFiniteResult.self) {
            try Checkpoint(model: model, data: source, dataset: saved).checkData(saved, source: source, recorded: true, file: "m.json")
        }
    }
}
