import Datasets
import Foundation
import Optimization

/// NaN and infinity traced to what a user can change, instead of being reported as a result (`train_rmse: inf`):
/// a data column too large to square, a checkpoint's damaged parameter, or training settings under which the loss
/// diverged. Every check names the file, the column, the parameter or the setting.
public enum FiniteResults {
    /// A data value too large for training, described with its column, or nil: a value whose square, summed over
    /// the rows as the loss does, overflows a `Double`.
    public static func oversizedValue(in dataset: Dataset, source: DataSource) -> NonFiniteResult? {
        let rows = dataset.trainInputs.rows + dataset.testInputs.rows
        let limit = (Double.greatestFiniteMagnitude / Double(max(rows, 1))).squareRoot()
        let parts = [(dataset.trainInputs, dataset.inputNames), (dataset.testInputs, dataset.inputNames),
                     (dataset.trainLabels, dataset.outputNames), (dataset.testLabels, dataset.outputNames)]
        for (matrix, names) in parts {
            guard let index = matrix.values.firstIndex(where: { abs($0) > limit }) else { continue }
            let remedy = if case .formula = source { "narrow --ranges, or scale the formula down," } else { "rescale the column" }
            return NonFiniteResult("\(source.summary): column '\(names[index % matrix.columns])' holds \(matrix.values[index]); squared and summed over \(rows) rows, values this large overflow a Double: \(remedy) so its values stay below \(String(format: "%.1e", limit)) in magnitude")
        }
        return nil
    }

    /// Fails unless `model`'s squared errors on the training rows sum to a finite number, naming the data column
    /// that is too large or, failing that, the checkpoint `path` and its largest parameter.
    public static func checkOutputs(of model: KANModel, on dataset: Dataset, source: DataSource, checkpoint path: String) throws {
        let outputs = try model(dataset.trainInputs).values
        let labels = dataset.trainLabels.values
        let squares = outputs.indices.reduce(0.0) { sum, i in
            let error = outputs[i] - (labels.count == outputs.count ? labels[i] : 0)
            return sum + error * error
        }
        guard !squares.isFinite, let index = outputs.indices.max(by: { !(abs(outputs[$0]) >= abs(outputs[$1])) }) else { return }
        if let oversized = oversizedValue(in: dataset, source: source) { throw oversized }
        let largest = model.largestParameter.map { "its largest parameter is \($0.path) = \($0.value)" } ?? "it has no parameters"
        throw NonFiniteResult("\(path): the model's output on \(source.summary) reaches \(outputs[index]) (training row \(index / model.outputCount + 1)), too large to square; \(largest), where a trained model's are near 1: retrain it, or correct that value")
    }

    /// The error for a fit that stopped at `step` because the loss became NaN or infinite: the data column too
    /// large, or else the settings under which training diverged (`options`: name and value, as the user set them).
    public static func trainingFailure(step: Int, dataset: Dataset, source: DataSource, options: [(String, String)]) -> NonFiniteResult {
        trainingFailure(at: "at step \(step)", dataset: dataset, source: source, options: options)
    }

    /// As `trainingFailure(step:...)`, for a model trained in epochs (an MLP) that stopped in `epoch`.
    public static func trainingFailure(epoch: Int, dataset: Dataset, source: DataSource, options: [(String, String)]) -> NonFiniteResult {
        trainingFailure(at: "in epoch \(epoch)", dataset: dataset, source: source, options: options)
    }

    /// The error for training that stopped `when` (`at step 4`, `in epoch 2`).
    private static func trainingFailure(at when: String, dataset: Dataset, source: DataSource, options: [(String, String)]) -> NonFiniteResult {
        let start = "the loss became NaN or infinite \(when)"
        if let oversized = oversizedValue(in: dataset, source: source) { return NonFiniteResult("\(start): \(oversized)") }
        let named = options.map { "\($0.0) (now \($0.1))" }.joined(separator: " or ")
        return NonFiniteResult("\(start): training diverged on \(source.summary) (the model keeps its last finite parameters)"
                               + (named.isEmpty ? "; rescale the data" : "; lower \(named)"))
    }

    /// `value`, unless it is NaN or infinite: then an error naming the metric, what was measured and the data. NaN
    /// is told as undefined values (a function outside its domain, as a distilled formula's `log` of a negative
    /// number on some test rows, or an overflow), infinity as an overflow.
    public static func finite(_ value: Double, _ metric: String, of what: String, on source: DataSource) throws(NonFiniteResult) -> Double {
        if value.isNaN {
            throw NonFiniteResult("\(metric) is nan: \(what) is undefined on some rows of \(source.summary): a function outside its domain there (the log or square root of a negative number, 0/0), or values too large for a Double")
        }
        guard value.isFinite else {
            let hint = if case .formula = source { " (narrow --ranges, or rescale the formula)" } else { " (rescale the columns with large values, or --standardize)" }
            throw NonFiniteResult("\(metric) is \(value): \(what) overflows a Double on \(source.summary)\(hint)")
        }
        return value
    }
}

/// A NaN or infinite result traced to its cause by `FiniteResults`, in words.
public struct NonFiniteResult: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
