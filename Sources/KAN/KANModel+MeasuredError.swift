import Datasets
import Optimization

extension KANModel {
    /// The model's error on `dataset`'s training rows, or its test rows when `testRows`, with its name: `train_accuracy`
    /// (`test_accuracy`) for a classifier (`classifier`, or an output per class against a column of class labels),
    /// else `train_rmse` (`test_rmse`), which must be finite: NaN or infinity is an error naming the data `source`
    /// describes (`FiniteResults.finite`).
    public func measuredError(on dataset: Dataset, testRows: Bool, source: DataSource, classifier: Bool) throws -> (name: String, value: Double) {
        let (split, inputs, labels) = testRows ? ("test", dataset.testInputs, dataset.testLabels) : ("train", dataset.trainInputs, dataset.trainLabels)
        let predictions = try self(inputs)
        if classifier || (predictions.columns > 1 && labels.columns == 1) {
            return ("\(split)_accuracy", Metrics.accuracy(Metrics.classes(predictions, classCount: predictions.columns), labels))
        }
        let name = "\(split)_rmse"
        return (name, try FiniteResults.finite(Metrics.rmse(predictions, labels), name, of: "the model's error", on: source))
    }
}
