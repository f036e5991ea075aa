import Foundation
import KAN
import Optimization
import Testing
import TestSupport

/// Mutated checkpoint files: each loads as a consistent model or is an error naming the file, never a crash.
@Suite("Fuzzing: checkpoint decoder")
struct CheckpointFuzzTests {
    @Test("300 mutated checkpoints of a small model with a multiplication node: each loads (and computes) or throws a KANError naming the file")
    func mutated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-ckfuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = folder.appendingPathComponent("m.json")
        let model = try KANModel(KANConfiguration(width: [2, 2, 1], grid: 3, order: 2, seed: 1, multArity: [[], [2], []]))
        try Checkpoint(model: model).save(to: original)
        let valid = Array(try Data(contentsOf: original))
        let replacements = Array("0123456789-.e,[]{}\" nulltruefalse1e308".utf8)
        var generator = SeededGenerator(seed: 5)
        for index in 0..<300 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                if Bool.random(using: &generator) { bytes[position] = replacements.randomElement(using: &generator)! } else { bytes.remove(at: position) }
            }
            let url = folder.appendingPathComponent("m\(index).json")
            try Data(bytes).write(to: url)
            do {
                let checkpoint = try Checkpoint.load(from: url)
                _ = try? checkpoint.model(Matrix([[0.1, -0.2], [0.5, 0.3]]))
            } catch {
                #expect("\(error)".contains(url.lastPathComponent), "\(error)")
            }
        }
    }
}
