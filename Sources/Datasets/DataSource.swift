import Foundation
import Optimization
import Symbolic

/// Where a model's data came from, so that a saved model can be trained further or refined on the same data
/// without repeating the options.
public enum DataSource: Codable, Sendable, Equatable {
    /// pykan's `create_dataset` on a formula.
    case formula(expression: String, variables: [String], ranges: [ClosedRange<Double>], trainCount: Int, testCount: Int, seed: UInt64)
    /// A CSV file.
    case csv(path: String, options: CSVOptions)
    /// MNIST-style IDX files in a folder (`train-images-idx3-ubyte.gz` and the like).
    case idx(folder: String, trainLimit: Int?)

    /// Builds the dataset.
    public func load() throws(DatasetError) -> Dataset {
        switch self {
        case .formula(let text, let variables, let ranges, let trainCount, let testCount, let seed):
            let expression: ExprWithDomain
            do { expression = try ExprWithDomain(parsing: text) } catch {
                throw .invalidOption(name: "function", value: text, reason: error.description)
            }
            // Counts read from a checkpoint are checked as --train-num and --test-num are (a sum past Int.max
            // trapped, a huge one allocated for minutes).
            do throws(SamplingMemoryError) {
                try SamplingMemory(trainCount: trainCount, testCount: testCount, variables: variables.count).checkWithin()
            } catch {
                throw .invalidOption(name: "sampling", value: "\(trainCount) train and \(testCount) test points",
                                     reason: "\(error)")
            }
            return try Dataset(expression: expression, variables: variables, ranges: ranges, trainCount: trainCount,
                               testCount: testCount, seed: seed)
        case .csv(let path, let options):
            return try CSVLoader.load(URL(fileURLWithPath: path), options: options).dataset
        case .idx(let folder, let trainLimit):
            let base = URL(fileURLWithPath: folder)
            let train = try IDXReader.mnist(images: base.appendingPathComponent("train-images-idx3-ubyte.gz"),
                                            labels: base.appendingPathComponent("train-labels-idx1-ubyte.gz"))
            let test = try IDXReader.mnist(images: base.appendingPathComponent("t10k-images-idx3-ubyte.gz").existingOr(
                base.appendingPathComponent("test-images-idx3-ubyte.gz")),
                                           labels: base.appendingPathComponent("t10k-labels-idx1-ubyte.gz").existingOr(
                base.appendingPathComponent("test-labels-idx1-ubyte.gz")))
            var trainInputs = train.inputs, trainLabels = train.labels
            if let limit = trainLimit, limit < 1 {
                throw .invalidOption(name: "train limit", value: "\(limit)", reason: "must be at least 1")
            }
            if let limit = trainLimit, limit < trainInputs.rows {
                trainInputs = trainInputs.selectingRows(Array(0..<limit))
                trainLabels = trainLabels.selectingRows(Array(0..<limit))
            }
            return try Dataset(trainInputs: trainInputs, trainLabels: trainLabels, testInputs: test.inputs, testLabels: test.labels,
                               inputNames: (0..<trainInputs.columns).map { "p\($0)" }, outputNames: ["digit"])
        }
    }
}

private extension URL {
    /// This file if it exists, else `alternative`.
    func existingOr(_ alternative: URL) -> URL {
        FileManager.default.fileExists(atPath: path) ? self : alternative
    }
}
