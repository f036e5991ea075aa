@testable import Comparison
import Datasets
import KAN
import Testing

/// `ComparisonEntry`'s text (the table and confusion matrices `kan compare` prints) and its check for finite errors.
@Suite("Comparison entries: text and finite errors")
struct ComparisonEntryTests {
    @Test("classification: accuracies to four places, seconds to two, then each confusion matrix")
    func classification() {
        let entries = [
            ComparisonEntry(name: "KAN [13, 1]", parameters: 104, trainAccuracy: 0.85654, testAccuracy: 0.9, trainRMSE: nil, testRMSE: nil,
                            trainSeconds: 0.123, confusionMatrix: [[30, 2], [4, 24]]),
            ComparisonEntry(name: "MLP [13, 16, 2]", parameters: 258, trainAccuracy: 1, testAccuracy: 0.8, trainRMSE: nil, testRMSE: nil,
                            trainSeconds: 1.5, confusionMatrix: [[28, 4], [8, 20]]),
        ]
        #expect(ComparisonEntry.text(entries).split(separator: "\n", omittingEmptySubsequences: false) == [
            "model            parameters  train_accuracy  test_accuracy  train_seconds",
            "KAN [13, 1]      104         0.8565          0.9000         0.12         ",
            "MLP [13, 16, 2]  258         1.0000          0.8000         1.50         ",
            "test confusion matrix, KAN [13, 1] (rows: true class): [[30, 2], [4, 24]]",
            "test confusion matrix, MLP [13, 16, 2] (rows: true class): [[28, 4], [8, 20]]",
            "",
        ])
    }

    @Test("regression: RMSEs and no confusion matrix; a missing metric is a dash")
    func regression() {
        let entries = [
            ComparisonEntry(name: "KAN [2, 1]", parameters: 20, trainAccuracy: nil, testAccuracy: nil, trainRMSE: 0.01234, testRMSE: nil,
                            trainSeconds: 2, confusionMatrix: nil),
        ]
        #expect(ComparisonEntry.text(entries) == "model       parameters  train_rmse  test_rmse  train_seconds\n"
                                               + "KAN [2, 1]  20          0.0123      -          2.00         \n")
    }

    @Test("an infinite RMSE is an error naming the metric, the model and the data; finite ones and accuracies pass")
    func finite() throws {
        let source = DataSource.csv(path: "/data/wide.csv", options: CSVOptions(target: "y"))
        var entry = ComparisonEntry(name: "MLP [2, 16, 1]", parameters: 65, trainAccuracy: nil, testAccuracy: nil, trainRMSE: 0.5, testRMSE: 0.25,
                                    trainSeconds: 1, confusionMatrix: nil)
        try entry.checkFinite(on: source)
        entry.testRMSE = .infinity
        #expect {
            try entry.checkFinite(on: source)
        } throws: { error in
            "\(error)".hasPrefix("test_rmse is inf: the MLP [2, 16, 1]'s error overflows a Double on /data/wide.csv")
        }
        let classifier = ComparisonEntry(name: "KAN [2, 1]", parameters: 20, trainAccuracy: 1, testAccuracy: 0.5, trainRMSE: nil,
                                         testRMSE: nil, trainSeconds: 1, confusionMatrix: [[1, 1], [0, 2]])
        try classifier.checkFinite(on: source)
    }
}
