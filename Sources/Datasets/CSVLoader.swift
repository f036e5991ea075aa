import CSV
import Files
import Foundation
import Optimization
import Symbolic

/// How to turn a CSV file into a `Dataset`.
public struct CSVOptions: Codable, Sendable, Equatable {
    /// What to do with a row that has an empty field.
    public enum MissingValues: String, Codable, Sendable, CaseIterable {
        /// Leave the row out and report it.
        case skip
        /// Stop with an error naming the row and column.
        case error
    }

    /// The label column.
    public var target: String
    /// The input columns, in order; nil for every column but the target.
    public var inputs: [String]?
    /// The share of rows held out for testing.
    public var testFraction: Double
    /// Seed of the train/test shuffle.
    public var seed: UInt64
    /// Standardise inputs with the training rows' mean and standard deviation.
    public var standardize: Bool
    public var missing: MissingValues
    /// A column of each row's measurement error (weight 1/sigma^2), or of each row's weight; at most one of them,
    /// neither among the inputs.
    public var sigma: String?
    public var weights: String?

    public init(target: String, inputs: [String]? = nil, testFraction: Double = 0.2, seed: UInt64 = 0,
                standardize: Bool = false, missing: MissingValues = .skip, sigma: String? = nil, weights: String? = nil) {
        self.sigma = sigma
        self.weights = weights
        self.target = target
        self.inputs = inputs
        self.testFraction = testFraction
        self.seed = seed
        self.standardize = standardize
        self.missing = missing
    }
}

/// What loading a CSV file did besides the dataset: rows left out, and which data rows went where.
public struct CSVLoadReport: Sendable, Equatable {
    /// Data rows (1-based, after the header) left out for missing fields.
    public var skippedRows: [Int]
    /// Data rows (1-based) in the training set, in dataset order.
    public var trainRows: [Int]
    /// Data rows (1-based) in the test set, in dataset order.
    public var testRows: [Int]
    /// The columns with empty fields among those read, and in how many rows, most first.
    public var emptyFields: [EmptyFields] = []

    /// `column 'b' (2 rows)` or `columns 'z' (20 rows), 'b' (3 rows)`: where the skipped rows' fields are empty.
    public var emptyFieldsSummary: String {
        let parts = emptyFields.map { "'\($0.column.excerpt())' (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }
        return (parts.count == 1 ? "column " : "columns ") + parts.joined(separator: ", ")
    }

    /// `2 of 300 data rows skipped for empty fields (rows 3, 5; empty: column 'b' (2 rows))`, or nil when none was:
    /// what a user should know the model was not trained on.
    public var skippedRowsSummary: String? {
        guard !skippedRows.isEmpty else { return nil }
        let total = skippedRows.count + trainRows.count + testRows.count
        return "\(skippedRows.count) of \(total) data rows skipped for empty fields (rows \(Self.list(skippedRows)); empty: \(emptyFieldsSummary))"
    }

    /// `3, 5, 8` or, past `limit` rows, `3, 5, 8, ... (57 in all)`.
    public static func list(_ rows: [Int], limit: Int = 5) -> String {
        let shown = rows.prefix(limit).map(String.init).joined(separator: ", ")
        return rows.count > limit ? "\(shown), ... (\(rows.count) in all)" : shown
    }
}

/// A column with empty fields, and in how many data rows.
public struct EmptyFields: Sendable, Equatable {
    public var column: String
    public var rows: Int
}

/// Loads numeric CSV files with a header row (parsing by the CSV.swift package). Errors name the file, the
/// line and the column: a row with the wrong number of fields, text that is not a number, NaN or infinity,
/// a missing target column, an empty file; an empty or repeated column name, or the target among the inputs
/// (which would read the wrong column or learn the answer); more rows skipped for empty fields than kept.
public enum CSVLoader {
    /// Reads the CSV file at `url` into a dataset: `options.target` is the label column, `options.inputs` (default:
    /// every other column) the inputs, split into training and test rows by `options.testFraction` with
    /// `options.seed`; the report says which rows went where and which were skipped for empty fields.
    public static func load(_ url: URL, options: CSVOptions) throws(DatasetError) -> (dataset: Dataset, report: CSVLoadReport) {
        let text: String
        do { text = try FileReader.text(at: url.path) } catch { throw .io(file: url.path, reason: error.reason) }
        return try parse(text, file: url.path, options: options)
    }

    /// Parses CSV text; `file` names the source in errors.
    public static func parse(_ text: String, file: String, options: CSVOptions) throws(DatasetError) -> (dataset: Dataset, report: CSVLoadReport) {
        guard options.testFraction > 0, options.testFraction < 1 else {
            throw .invalidOption(name: "test fraction", value: "\(options.testFraction)", reason: "must be between 0 and 1")
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .invalidData(file: file, reason: "the file is empty; expected a header row of column names, then rows of numbers")
        }
        let reader: CSVReader
        do { reader = try CSVText.reader(text) } catch {
            throw .invalidData(file: file, reason: "the header row cannot be read as CSV (an unclosed quote?)")
        }
        let header = try CSVHeader(reader.headerRow, options: options, file: file)
        let records = try CSVRecords(reading: reader, header: header, missing: options.missing, file: file)
        var report = CSVLoadReport(skippedRows: records.skipped, trainRows: [], testRows: [])
        report.emptyFields = records.emptyFields(in: header)
        try requireEnoughRows(records, report: report, options: options, inputs: header.inputNames, file: file)
        let split = shuffledSplit(count: records.completeCount, options: options)
        report.trainRows = split.train.map { records.dataRows[$0] }
        report.testRows = split.test.map { records.dataRows[$0] }
        return (try dataset(of: records, split: split, header: header, options: options, file: file), report)
    }

    /// Throws unless at least 2 rows are complete and no more rows were skipped for empty fields than kept; the
    /// error counts the skipped rows, says where their fields are empty and what to do about it.
    private static func requireEnoughRows(_ records: CSVRecords, report: CSVLoadReport, options: CSVOptions, inputs: [String],
                                          file: String) throws(DatasetError) {
        let rows = records.completeCount, skipped = records.skipped, total = records.totalCount
        let skippedNote = "\(skipped.count) of \(total) data rows skipped for empty fields (rows \(CSVLoadReport.list(skipped)); empty: \(report.emptyFieldsSummary))"
        let remedy = emptyColumnRemedy(report.emptyFields, total: total, options: options, inputs: inputs)
        guard rows >= 2 else {
            guard !skipped.isEmpty else {
                throw .invalidData(file: file, reason: "\(rows) data row\(rows == 1 ? "" : "s") after the header; at least 2 are needed (one to train on, one to test)")
            }
            throw .invalidData(file: file, reason: "\(rows) complete data row\(rows == 1 ? "" : "s") of \(total), at least 2 are needed; \(skippedNote); \(remedy)")
        }
        guard skipped.count <= rows else {
            throw .invalidData(file: file, reason: "\(skippedNote), more than are complete; \(remedy)")
        }
    }

    /// The indices of `count` complete rows shuffled with `options.seed`, then split: the first `testFraction` of
    /// them (rounded; at least 1, at most all but 1) for testing, the rest for training.
    private static func shuffledSplit(count: Int, options: CSVOptions) -> (train: [Int], test: [Int]) {
        var random = SeededRandom(seed: options.seed)
        var order = Array(0..<count)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let testCount = max(1, min(count - 1, Int((Double(count) * options.testFraction).rounded())))
        return (Array(order[testCount...]), Array(order[..<testCount]))
    }

    /// The dataset of the complete rows as split, its inputs standardised with the training rows' mean and
    /// deviation when `options.standardize`.
    private static func dataset(of records: CSVRecords, split: (train: [Int], test: [Int]), header: CSVHeader,
                                options: CSVOptions, file: String) throws(DatasetError) -> Dataset {
        let inputNames = header.inputNames
        var train = Matrix(split.train.map { records.inputs[$0] }), test = Matrix(split.test.map { records.inputs[$0] })
        var standardization: Standardization?
        if options.standardize {
            let fitted = Standardization(fittedTo: train)
            train = fitted.standardized(train)
            test = fitted.standardized(test)
            standardization = fitted
        }
        var dataset = try Dataset(trainInputs: train, trainLabels: Matrix(rows: split.train.count, columns: 1, values: split.train.map { records.labels[$0] }),
                                  testInputs: test, testLabels: Matrix(rows: split.test.count, columns: 1, values: split.test.map { records.labels[$0] }),
                                  inputNames: inputNames, outputNames: [options.target])
        dataset.standardization = standardization
        if let column = header.weightColumn {
            let weights = options.sigma == nil ? records.weights : records.weights.map { 1 / $0 / $0 }
            // 1/sigma^2 overflows for sigma below about 1e-154 (and is 0 above 1e154).
            if let index = weights.firstIndex(where: { !$0.isFinite || (options.sigma != nil && $0 == 0) }) {
                throw .invalidData(file: file, reason: "data row \(records.dataRows[index]), column '\(column.excerpt())': \(records.weights[index]) gives a weight 1/sigma^2 beyond a Double's range; express the target in other units")
            }
            dataset.weights = RowWeights(kind: options.sigma == nil ? .weights : .sigma, column: column,
                                         train: split.train.map { weights[$0] }, test: split.test.map { weights[$0] })
        }
        return dataset
    }

    /// What to do about empty fields: leave out an input column that is empty in every row, else fill the fields.
    private static func emptyColumnRemedy(_ empty: [EmptyFields], total: Int, options: CSVOptions, inputs: [String]) -> String {
        let allEmpty = empty.filter { $0.rows == total }.map(\.column)
        let kept = inputs.filter { !allEmpty.contains($0) }
        if !allEmpty.isEmpty, !allEmpty.contains(options.target), !kept.isEmpty {
            return "leave out \(allEmpty.map { "'\($0.excerpt())'" }.joined(separator: ", ")), empty in every row, with --inputs \(kept.joined(separator: ",").excerpt(limit: 200))"
        }
        return "fill or remove the empty fields"
    }
}
