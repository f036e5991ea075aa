import Foundation
import Testing
import TestSupport

/// A checkpoint's record of its data: an absolute path, so it loads from any folder, and a fingerprint, so a file
/// changed since the save is noticed instead of silently used.
@Suite("Checkpoint data: paths and fingerprints")
struct CheckpointDataTests {
    @Test("a model trained on data.csv given relative loads from another folder; after the file changes it is refused, naming the file, until --data is given")
    func relativePathAndChange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-ckdata-\(UUID().uuidString)")
        let trained = folder.appendingPathComponent("trained"), elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: trained, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<60).map { i in "\(Double(i) / 10),\(Double(i % 7)),\(Double(i) / 10 * Double(i % 7))" }
        let csv = trained.appendingPathComponent("data.csv")
        try (["a,b,y"] + rows).joined(separator: "\n").appending("\n").write(to: csv, atomically: false, encoding: .utf8)
        let kan = TrainCommandTests.kan
        let train = try runProcess(kan, ["train", "--data", "data.csv", "--target", "y", "--width", "2,1", "--steps", "3", "--save", "m.json"], in: trained)
        #expect(train.status == 0, "\(train.standardError)")

        // The same file from another folder (a decoy data.csv there must not be read).
        try "a,b,y\n1,2,3\n".write(to: elsewhere.appendingPathComponent("data.csv"), atomically: false, encoding: .utf8)
        let prune = try runProcess(kan, ["prune", "../trained/m.json"], in: elsewhere)
        #expect(prune.status == 0, "\(prune.standardError)")
        #expect(prune.standardOutput.contains("test_rmse: "))

        // The file changes: the recorded data are refused, with the file named; --data uses them as they are.
        try (["a,b,y"] + rows.dropLast()).joined(separator: "\n").appending("\n").write(to: csv, atomically: false, encoding: .utf8)
        let changed = try runProcess(kan, ["prune", "../trained/m.json"], in: elsewhere)
        #expect(changed.status == 1)
        #expect(changed.standardError.contains("saved with other data than \(csv.standardizedFileURL.path)"), "\(changed.standardError)")
        let given = try runProcess(kan, ["prune", "../trained/m.json", "--data", csv.path, "--target", "y"], in: elsewhere)
        #expect(given.status == 0, "\(given.standardError)")
    }
}
