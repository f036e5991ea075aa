import Foundation
import Testing
import TestSupport

/// `kan train` and `kan refine` run as a user runs them.
@Suite("kan train and kan refine")
struct TrainCommandTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }
    static let heart = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/heart.csv").path

    static func value(_ name: String, in output: String) -> Double? {
        output.split(separator: "\n").first { $0.hasPrefix(name + ": ") }.flatMap { Double($0.dropFirst(name.count + 2)) }
    }

    @Test("train on a formula, save, refine, continue from the file: errors printed as train_rmse and test_rmse")
    func trainRefineContinue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path, fine = folder.appendingPathComponent("m10.json").path
        let train = try runProcess(Self.kan, ["train", "--function", "x1^2 + sin(pi*x2)", "--width", "2,3,1", "--grid", "5",
                                              "--steps", "15", "--train-num", "300", "--test-num", "100", "--save", model, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        let first = try #require(Self.value("test_rmse", in: train.standardOutput))
        #expect(Self.value("train_rmse", in: train.standardOutput) != nil)
        #expect(first < 0.1)
        #expect(train.standardError.isEmpty)
        let refine = try runProcess(Self.kan, ["refine", model, "--grid", "10", "--save", fine])
        #expect(refine.status == 0, "\(refine.standardError)")
        let refined = try #require(Self.value("test_rmse", in: refine.standardOutput))
        #expect(abs(refined - first) < 0.5 * first, "refine changed the error from \(first) to \(refined)")
        let more = try runProcess(Self.kan, ["train", "--from", fine, "--steps", "15", "--quiet"])
        #expect(more.status == 0, "\(more.standardError)")
        #expect(try #require(Self.value("test_rmse", in: more.standardOutput)) < first)
    }

    @Test("train on a CSV file with named columns")
    func csv() throws {
        let result = try runProcess(Self.kan, ["train", "--data", Self.heart, "--target", "target", "--width", "13,1", "--grid", "3",
                                               "--steps", "5", "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try #require(Self.value("test_rmse", in: result.standardOutput)) < 0.6)
    }

    @Test("bad input: a clear error and exit status 1", arguments: [
        (["train", "--function", "x1*x2", "--width", "3,1"], "--width 3,1 starts with 3 inputs, the data has 2"),
        (["train", "--data", "/nonexistent.csv", "--target", "y"], "/nonexistent.csv: no such file"),
        (["train", "--function", "log(x1)", "--ranges=-1,1"], "log"),
        (["train"], "give the data"),
        (["train", "--from", "/nonexistent.json"], "cannot load checkpoint /nonexistent.json"),
        (["refine", "/nonexistent.json", "--grid", "10"], "cannot load checkpoint"),
    ])
    func errors(arguments: [String], fragment: String) throws {
        let result = try runProcess(Self.kan, arguments)
        #expect(result.status == 1)
        #expect(result.standardError.contains(fragment), "\(result.standardError)")
    }

    @Test("a corrupt checkpoint is refused with the reason; the file is left as it was")
    func corruptCheckpoint() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-corrupt-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try "{\"formatVersion\": 1, \"model\": {".write(to: url, atomically: false, encoding: .utf8)
        let result = try runProcess(Self.kan, ["train", "--from", url.path, "--save", url.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("it is not JSON (or it is cut short)"), "\(result.standardError)")
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"formatVersion\": 1, \"model\": {")
    }
}
