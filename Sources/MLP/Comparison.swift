import Foundation
import KAN

/// One model's line in a KAN-versus-MLP comparison; the JSON keys are those `kan compare --json` prints.
public struct ComparisonEntry: Codable, Sendable, Equatable {
    public var name: String
    public var parameters: Int
    /// Classification: the share of correct predictions; regression: nil.
    public var trainAccuracy: Double?
    public var testAccuracy: Double?
    /// Regression: the RMSE; classification: nil.
    public var trainRMSE: Double?
    public var testRMSE: Double?
    public var trainSeconds: Double
    /// Classification: `[true class][predicted class]` counts on the test set.
    public var confusionMatrix: [[Int]]?

    enum CodingKeys: String, CodingKey {
        case name, parameters
        case trainAccuracy = "train_accuracy", testAccuracy = "test_accuracy"
        case trainRMSE = "train_rmse", testRMSE = "test_rmse"
        case trainSeconds = "train_seconds", confusionMatrix = "confusion_matrix"
    }
}

/// Metrics shared by both kinds of model.
public enum Metrics {
    /// True when the labels are one column of small non-negative integers (class indices).
    public static func isClassification(_ labels: Matrix) -> Bool {
        labels.columns == 1 && labels.values.allSatisfy { $0 >= 0 && $0 == $0.rounded() && $0 < 1000 }
            && Set(labels.values).count <= 20
    }

    /// Predicted classes: the arg-max of several outputs, or one output rounded to the nearest class.
    public static func classes(_ predictions: Matrix, classCount: Int) -> [Int] {
        (0..<predictions.rows).map { row in
            if predictions.columns == 1 {
                let value = predictions[row, 0]
                guard value.isFinite else { return 0 }
                return Int(min(max(value.rounded(), 0), Double(classCount - 1)))
            }
            let values = predictions.row(row)
            return values.indices.max { values[$0] < values[$1] }!
        }
    }

    public static func accuracy(_ predicted: [Int], _ labels: Matrix) -> Double {
        Double(zip(predicted, labels.values).filter { Double($0.0) == $0.1 }.count) / Double(labels.rows)
    }

    public static func confusion(_ predicted: [Int], _ labels: Matrix, classCount: Int) -> [[Int]] {
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (p, label) in zip(predicted, labels.values) where label >= 0 && Int(label) < classCount { matrix[Int(label)][p] += 1 }
        return matrix
    }

    public static func rmse(_ predictions: Matrix, _ labels: Matrix) -> Double {
        (zip(predictions.values, labels.values).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(labels.values.count)).squareRoot()
    }

    /// A comparison entry from a model's predictions on both sets.
    public static func entry(name: String, parameters: Int, seconds: Double, train: Matrix, test: Matrix, data: Dataset) -> ComparisonEntry {
        if isClassification(data.trainLabels) {
            let classCount = Int(max(data.trainLabels.values.max() ?? 0, data.testLabels.values.max() ?? 0)) + 1
            let trainClasses = classes(train, classCount: classCount), testClasses = classes(test, classCount: classCount)
            return ComparisonEntry(name: name, parameters: parameters, trainAccuracy: accuracy(trainClasses, data.trainLabels),
                                   testAccuracy: accuracy(testClasses, data.testLabels), trainRMSE: nil, testRMSE: nil,
                                   trainSeconds: seconds, confusionMatrix: confusion(testClasses, data.testLabels, classCount: classCount))
        }
        return ComparisonEntry(name: name, parameters: parameters, trainAccuracy: nil, testAccuracy: nil,
                               trainRMSE: rmse(train, data.trainLabels), testRMSE: rmse(test, data.testLabels),
                               trainSeconds: seconds, confusionMatrix: nil)
    }
}
