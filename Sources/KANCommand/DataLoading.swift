import Datasets
import Foundation

extension DataSource {
    /// The data, with a note on standard error when rows of a CSV file were skipped for empty fields (how many,
    /// and which): a user should know what the model was not trained on.
    func loadReportingSkippedRows() throws -> Dataset {
        guard case .csv(let path, let options) = self else { return try load() }
        let (dataset, report) = try CSVLoader.load(URL(fileURLWithPath: path), options: options)
        if let skipped = report.skippedRowsSummary { FileHandle.standardError.write(Data("note: \(path): \(skipped)\n".utf8)) }
        return dataset
    }
}
