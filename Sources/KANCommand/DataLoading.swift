import Datasets
import Foundation

extension DataSource {
    /// The data, with a note on standard error when rows of a CSV file were skipped for empty fields (how many,
    /// and which): a user should know what the model was not trained on.
    func loadReportingSkippedRows() throws -> Dataset {
        guard case .csv(let path, let options) = self else { return try load() }
        let (dataset, report) = try CSVLoader.load(URL(fileURLWithPath: path), options: options)
        if !report.skippedRows.isEmpty {
            let total = report.skippedRows.count + report.trainRows.count + report.testRows.count
            FileHandle.standardError.write(Data("note: \(path): \(report.skippedRows.count) of \(total) data rows skipped for empty fields (rows \(CSVLoadReport.list(report.skippedRows)); empty: \(report.emptyFieldsSummary))\n".utf8))
        }
        return dataset
    }
}
