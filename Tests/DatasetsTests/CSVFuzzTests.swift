import Datasets
import Foundation
import Testing
import TestSupport

/// Random and near-valid CSV files: each loads or gives an error value, never a crash.
@Suite("Fuzzing: CSV loader")
struct CSVFuzzTests {
    @Test("500 mutated CSV files: each loads or throws a DatasetError")
    func mutatedFiles() throws {
        var generator = SeededGenerator(seed: 11)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-csvfuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pieces = [",", "\n", "\"", "nan", "inf", "-1e400", "", " ", "y", "a", "1.5", "x,x", ";", "\r\n", "NaN", "é"]
        let valid = "a,b,y\n" + (0..<20).map { "\($0),\(Double($0) / 3),\($0 * 2)" }.joined(separator: "\n") + "\n"
        var loaded = 0
        for index in 0..<500 {
            var text = Array(valid)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<max(text.count, 1), using: &generator)
                let piece = Array(pieces.randomElement(using: &generator)!)
                if Bool.random(using: &generator), position < text.count { text.remove(at: position) } else { text.insert(contentsOf: piece, at: min(position, text.count)) }
            }
            let url = folder.appendingPathComponent("f\(index).csv")
            try String(text).write(to: url, atomically: false, encoding: .utf8)
            do {
                let (dataset, _) = try CSVLoader.load(url, options: CSVOptions(target: "y"))
                let finite = (dataset.trainInputs.values + dataset.testInputs.values).allSatisfy { $0.isFinite }
                #expect(finite, "a loaded value is NaN or infinite")
                loaded += 1
            } catch {
                #expect(!"\(error)".isEmpty)
            }
        }
        #expect(loaded > 0 && loaded < 500, "\(loaded) of 500 loaded")
    }
}
