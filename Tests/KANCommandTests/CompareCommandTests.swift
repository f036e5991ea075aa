import Foundation
import Testing
import TestSupport

/// `kan compare` on the heart-disease data: the example of the comparison issue, end to end.
@Suite("kan compare")
struct CompareCommandTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    @Test("heart disease: JSON with the KAN first, both models' accuracy, parameters, time and confusion matrix")
    func heartJSON() throws {
        let result = try runProcess(Self.kan, ["compare", "--data", TrainCommandTests.heart, "--target", "target", "--kan-width", "13,1",
                                               "--grid", "3", "--k", "3", "--steps", "40", "--mlp-width", "13,16,2", "--epochs", "100", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.count == 2)
        #expect((entries[0]["name"] as? String)?.hasPrefix("KAN") == true)
        #expect((entries[1]["name"] as? String)?.hasPrefix("MLP") == true)
        for entry in entries {
            for key in ["name", "parameters", "train_accuracy", "test_accuracy", "train_seconds", "confusion_matrix"] {
                #expect(entry[key] != nil, "missing \(key)")
            }
            let matrix = try #require(entry["confusion_matrix"] as? [[Int]])
            #expect(matrix.flatMap { $0 }.reduce(0, +) == 59)
        }
        #expect(entries[0]["parameters"] as? Int == 104)
        #expect(try #require(entries[0]["test_accuracy"] as? Double) >= 0.84)
    }

    @Test("the table form, with defaults for everything but the data")
    func table() throws {
        let result = try runProcess(Self.kan, ["compare", "--data", TrainCommandTests.heart, "--target", "target", "--steps", "5", "--epochs", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("train_accuracy"))
        #expect(result.standardOutput.contains("KAN [13, 1]"))
        #expect(result.standardOutput.contains("MLP [13, 26, 2]"))
        #expect(result.standardOutput.contains("test confusion matrix"))
    }

    /// The MNIST folder in `../shared/data` beside the repository.
    static let mnist = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/mnist01").path

    @Test("the README's MNIST configuration runs on all 12,665 training images (one step each): its memory estimate is per input, not per edge")
    func mnistFullData() throws {
        let result = try runProcess(Self.kan, ["compare", "--mnist", Self.mnist, "--kan-width", "784,10,1", "--grid", "10", "--k", "5",
                                               "--steps", "1", "--mlp-width", "784,2", "--epochs", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("train rows: 12665"))
        #expect(result.standardOutput.contains("KAN [784, 10, 1]"))
    }
}
