import Datasets
import Foundation
@testable import KAN
import Symbolic
import Testing

@Suite("Checkpoints")
struct CheckpointTests {
    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-\(UUID().uuidString)-\(name)")
    }

    @Test("save, load: the same model, outputs bit for bit")
    func roundTrip() throws {
        let data = try Dataset(expression: try Expr(parsing: "sin(x1) + x2^2"), trainCount: 200, testCount: 50, seed: 1)
        var model = try KANModel(width: [2, 3, 1], grid: 5, k: 3, seed: 2)
        try model.fit(data, options: FitOptions(steps: 3))
        let url = Self.temporaryFile("model.json")
        defer { try? FileManager.default.removeItem(at: url) }
        let source = DataSource.formula(expression: "sin(x1) + x2^2", variables: ["x1", "x2"], ranges: [-1...1], trainCount: 200, testCount: 50, seed: 1)
        try Checkpoint(model: model, data: source).save(to: url)
        let loaded = try Checkpoint.load(from: url)
        #expect(loaded.model == model)
        #expect(loaded.data == source)
        #expect(try loaded.model(data.testInputs) == model(data.testInputs))
        #expect(try loaded.data!.load() == data)
    }

    @Test("a truncated, corrupt or inconsistent file is an error saying what is wrong")
    func badFiles() throws {
        let model = try KANModel(width: [2, 2, 1], grid: 3, k: 3, seed: 0)
        let url = Self.temporaryFile("model.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(model: model).save(to: url)
        let good = try String(contentsOf: url, encoding: .utf8)
        func expectFailure(_ text: String, _ fragment: String) throws {
            try text.write(to: url, atomically: false, encoding: .utf8)
            do {
                _ = try Checkpoint.load(from: url)
                Issue.record("loaded: expected '\(fragment)'")
            } catch {
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
        try expectFailure(String(good.prefix(good.count / 2)), "it is not JSON (or it is cut short)")
        try expectFailure(good.replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : 9"), "format version 9")
        try expectFailure(good.replacingOccurrences(of: "\"width\" : [\n        2,\n        2,", with: "\"width\" : [\n        2,\n        3,"), "layer 0 maps 2 to 2 nodes, width says 2 to 3")
        try expectFailure(good.replacingOccurrences(of: "\"mask\" : [\n          1,", with: "\"mask\" : ["), "has 3 mask, expected 4")
        try expectFailure("{\"formatVersion\": 1}", "it is JSON, but not a checkpoint (an object with formatVersion and model, as kan train --save writes): at the top level, 'model' is missing")
        try expectFailure("[1, 2]", "at the top level, expected an object, found an array")
        try expectFailure("{\"name\": \"x\"}", "at the top level, 'formatVersion' is missing")
        try expectFailure(good.replacingOccurrences(of: "\"coefficients\" : [", with: "\"coefficients\" : \"many\", \"unused\" : ["), "at model.layers[0].coefficients, expected an array, found a string")
        try expectFailure("", "it is empty; expected a checkpoint")
    }

    @Test("saving over a file replaces it whole; a failed save leaves it as it was")
    func atomicSave() throws {
        let model = try KANModel(width: [1, 1], grid: 3, k: 3, seed: 0)
        let url = Self.temporaryFile("model.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(model: model).save(to: url)
        let before = try Data(contentsOf: url)
        let directory = url.appendingPathComponent("sub/dir/model.json")
        #expect(throws: KANError.self) { try Checkpoint(model: model).save(to: directory) }
        #expect(try Data(contentsOf: url) == before)
    }
}
