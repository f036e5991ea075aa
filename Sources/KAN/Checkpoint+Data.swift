import Datasets
import Foundation

extension Checkpoint {
    /// The data source recorded with the model saved at `file`; a recorded path that is relative (written before
    /// paths were stored absolute) is taken relative to the file's folder.
    public func recordedData(file: String) -> DataSource? {
        data?.resolvingPaths(against: URL(fileURLWithPath: file).deletingLastPathComponent())
    }

    /// Checks `dataset`, loaded from `source`, as data for the model saved at `file`: the recorded data
    /// (`recorded`) whose fingerprint changed since the save are refused (`ChangedDataError`), and so is a model
    /// whose outputs on data of its input width are not finite (`FiniteResults`); data of another width are left
    /// to the caller.
    public func checkData(_ dataset: Dataset, source: DataSource, recorded: Bool, file: String) throws {
        if recorded, let saved = dataFingerprint, case let now = DataFingerprint(dataset), saved != now {
            throw ChangedDataError(file: file, source: source, saved: saved, now: now)
        }
        guard model.inputCount == dataset.trainInputs.columns else { return }
        try FiniteResults.checkOutputs(of: model, on: dataset, source: source, checkpoint: file)
    }
}

/// A checkpoint's recorded data that changed since the model was saved: their fingerprints then and now.
public struct ChangedDataError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let source: DataSource
    public let saved: DataFingerprint
    public let now: DataFingerprint

    public var description: String {
        "\(file) was saved with other data than \(source.summary) holds now (then: \(saved); now: \(now))"
    }
}
