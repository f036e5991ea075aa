import Datasets
import Foundation
import Optimization

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

extension Metrics {
    /// A comparison entry from a model's predictions on both sets.
    public static func entry(name: String, parameters: Int, seconds: Double, train: Matrix, test: Matrix, data: Dataset) -> ComparisonEntry {
        if let classCount = data.classCount {
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
