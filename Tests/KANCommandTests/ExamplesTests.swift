import Foundation
import Testing
import TestSupport

/// The examples the README shows, run as a user runs them.
@Suite("Examples")
struct ExamplesTests {
    @Test("heart-disease end to end: both models, 13 fixing lines, the formula in the patients' names, its accuracy")
    func heartDisease() throws {
        let example = productsDirectory.appendingPathComponent("heart-disease")
        try #require(FileManager.default.isExecutableFile(atPath: example.path), "build the examples first (make test does)")
        let plots = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-heart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: plots) }
        let result = try runProcess(example, [plots.path])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("KAN [13, 1]: 104 parameters") } && lines.contains { $0.hasPrefix("MLP [13, 16, 2]:") })
        #expect(lines.filter { $0.hasPrefix("fixing (0,") }.count == 13)
        let formula = try #require(lines.first { $0.hasPrefix("formula: ") })
        for name in ["age", "chol", "thalach"] { #expect(formula.contains(name), "\(formula)") }
        // "test accuracy: network 0.9153, formula 0.9153"
        let accuracies = try #require(lines.first { $0.hasPrefix("test accuracy: network ") })
            .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        #expect(accuracies.count == 2 && accuracies.allSatisfy { $0 >= 0.84 }, "\(accuracies)")
        #expect(FileManager.default.fileExists(atPath: plots.appendingPathComponent("heart.svg").path))
    }
}
