import Files
import Foundation

extension ComparisonEntry {
    /// `entries` as `kan compare` prints them: a table of each model's parameters, train and test accuracy (for
    /// classification, entries with accuracies) or RMSE, and training seconds, then a line per confusion matrix;
    /// every line ends in a newline. A metric an entry lacks is `-`.
    public static func text(_ entries: [ComparisonEntry]) -> String {
        let classification = entries.first?.trainAccuracy != nil
        let metrics = classification ? ["train_accuracy", "test_accuracy"] : ["train_rmse", "test_rmse"]
        var table = TextTable(header: ["model", "parameters"] + metrics + ["train_seconds"])
        for entry in entries {
            let values = classification ? [entry.trainAccuracy, entry.testAccuracy] : [entry.trainRMSE, entry.testRMSE]
            let cells = values.map { value in value.map { String(format: "%.4f", $0) } ?? "-" }
            table.append([entry.name, "\(entry.parameters)"] + cells + [String(format: "%.2f", entry.trainSeconds)])
        }
        let matrices = entries.compactMap { entry in
            entry.confusionMatrix.map { "test confusion matrix, \(entry.name) (rows: true class): \($0)\n" }
        }
        return table.text + matrices.joined()
    }
}
