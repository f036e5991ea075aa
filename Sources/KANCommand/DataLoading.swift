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

extension DataSource {
    /// This source with a relative file or folder path taken relative to `folder`.
    func resolvingPaths(against folder: URL) -> DataSource {
        func resolved(_ path: String) -> String {
            path.hasPrefix("/") ? path : folder.appendingPathComponent(path).standardizedFileURL.path
        }
        switch self {
        case .formula: return self
        case .csv(let path, let options): return .csv(path: resolved(path), options: options)
        case .idx(let folder, let limit): return .idx(folder: resolved(folder), trainLimit: limit)
        }
    }

    /// The source in a few words, for messages: the file or folder, or the formula.
    var summary: String {
        switch self {
        case .formula(let expression, _, _, _, _, _): return "the formula \(expression)"
        case .csv(let path, _): return path
        case .idx(let folder, _): return folder
        }
    }
}
