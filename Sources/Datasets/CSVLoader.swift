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

    public init(target: String, inputs: [String]? = nil, testFraction: Double = 0.2, seed: UInt64 = 0,
                standardize: Bool = false, missing: MissingValues = .skip) {
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
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true) } catch {
            throw .invalidData(file: file, reason: "the header row cannot be read as CSV (an unclosed quote?)")
        }
        guard let header = reader.headerRow, !header.isEmpty, header != [""] else {
            throw .invalidData(file: file, reason: "the first line is blank; expected a header row of column names")
        }
        if let multiline = header.firstIndex(where: { $0.contains("\n") }) {
            throw .invalidData(file: file, reason: "column \(multiline + 1) of the header runs over several lines (an unclosed quote?)")
        }
        if let empty = header.firstIndex(of: "") {
            throw .invalidData(file: file, reason: "column \(empty + 1) of the header has no name (a trailing comma?); name every column")
        }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw .invalidData(file: file, reason: "column '\(name.excerpt())' appears twice in the header; rename one")
        }
        if let inputs = options.inputs, inputs.contains(options.target) {
            throw .invalidData(file: file, reason: "the target '\(options.target)' is also listed among the inputs")
        }
        let columns = header.joined(separator: ", ").excerpt(limit: 200)
        guard let targetIndex = header.firstIndex(of: options.target) else {
            throw .invalidData(file: file, reason: "no column '\(options.target.excerpt())' (columns: \(columns))\(CSVSeparatorHint.note(for: header))")
        }
        let inputNames = options.inputs ?? header.filter { $0 != options.target }
        var inputIndices: [Int] = []
        for name in inputNames {
            guard let index = header.firstIndex(of: name) else {
                throw .invalidData(file: file, reason: "no column '\(name.excerpt())' (columns: \(columns))")
            }
            inputIndices.append(index)
        }
        guard !inputIndices.isEmpty else { throw .invalidData(file: file, reason: "no input columns") }
        var rows: [[Double]] = [], labels: [Double] = [], dataRows: [Int] = [], skipped: [Int] = []
        var emptyCounts = [Int](repeating: 0, count: header.count)
        var dataRow = 0
        while let fields = reader.next() {
            dataRow += 1
            let line = dataRow + 1
            if fields == [""] { continue }  // a blank line
            guard fields.count == header.count else {
                let trailing = fields.count > header.count && fields[header.count...].allSatisfy(\.isEmpty)
                throw .invalidData(file: file, reason: "line \(line) has \(fields.count) fields, the header has \(header.count)"
                                   + (trailing ? " (the extra fields are empty: trailing commas?)" : ""))
            }
            var values: [Double?] = []
            var missing = false
            for index in inputIndices + [targetIndex] {
                let field = fields[index]
                if field.isEmpty {
                    if options.missing == .error {
                        throw .invalidData(file: file, reason: "line \(line), column '\(header[index].excerpt())' is empty")
                    }
                    emptyCounts[index] += 1
                    missing = true
                    values.append(nil)
                    continue
                }
                guard let value = Double(field) else {
                    throw .invalidData(file: file, reason: "line \(line), column '\(header[index].excerpt())': '\(field.excerpt())' is not a number")
                }
                guard value.isFinite else {
                    throw .invalidData(file: file, reason: "line \(line), column '\(header[index].excerpt())': \(field.excerpt()) is not finite")
                }
                values.append(value)
            }
            if missing { skipped.append(dataRow); continue }
            rows.append(values.dropLast().map { $0! })
            labels.append(values.last!!)
            dataRows.append(dataRow)
        }
        if let error = reader.error { throw .invalidData(file: file, reason: "malformed CSV after line \(dataRow + 1) (\(error))") }
        var report = CSVLoadReport(skippedRows: skipped, trainRows: [], testRows: [])
        report.emptyFields = header.indices.filter { emptyCounts[$0] > 0 }.sorted { emptyCounts[$0] > emptyCounts[$1] }
            .map { EmptyFields(column: header[$0], rows: emptyCounts[$0]) }
        let skippedNote = "\(skipped.count) of \(rows.count + skipped.count) data rows skipped for empty fields (rows \(CSVLoadReport.list(skipped)); empty: \(report.emptyFieldsSummary))"
        let remedy = emptyColumnRemedy(report.emptyFields, total: rows.count + skipped.count, options: options, inputs: inputNames)
        guard rows.count >= 2 else {
            guard !skipped.isEmpty else {
                throw .invalidData(file: file, reason: "\(rows.count) data row\(rows.count == 1 ? "" : "s") after the header; at least 2 are needed (one to train on, one to test)")
            }
            throw .invalidData(file: file, reason: "\(rows.count) complete data row\(rows.count == 1 ? "" : "s") of \(rows.count + skipped.count), at least 2 are needed; \(skippedNote); \(remedy)")
        }
        guard skipped.count <= rows.count else {
            throw .invalidData(file: file, reason: "\(skippedNote), more than are complete; \(remedy)")
        }
        var random = SeededRandom(seed: options.seed)
        var order = Array(rows.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let testCount = max(1, min(rows.count - 1, Int((Double(rows.count) * options.testFraction).rounded())))
        let trainOrder = Array(order[testCount...]), testOrder = Array(order[..<testCount])
        var train = Matrix(trainOrder.map { rows[$0] }), test = Matrix(testOrder.map { rows[$0] })
        var standardization: Standardization?
        if options.standardize {
            let fitted = Standardization(fittedTo: train)
            train = fitted.standardized(train)
            test = fitted.standardized(test)
            standardization = fitted
        }
        var dataset = try Dataset(trainInputs: train, trainLabels: Matrix(rows: trainOrder.count, columns: 1, values: trainOrder.map { labels[$0] }),
                                  testInputs: test, testLabels: Matrix(rows: testOrder.count, columns: 1, values: testOrder.map { labels[$0] }),
                                  inputNames: inputNames, outputNames: [options.target])
        dataset.standardization = standardization
        report.trainRows = trainOrder.map { dataRows[$0] }
        report.testRows = testOrder.map { dataRows[$0] }
        return (dataset, report)
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
