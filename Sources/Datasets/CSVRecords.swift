import CSV
import Symbolic

/// The data rows of a CSV file read at the columns of its `CSVHeader`: the complete rows' inputs and labels with
/// their data row numbers, the rows left out for empty fields, and how many empty fields each column had.
struct CSVRecords {
    /// Per complete row, the input values, the label and its data row (1-based, after the header).
    var inputs: [[Double]] = []
    var labels: [Double] = []
    /// Per complete row, the value of the measurement-error or weight column, when the header has one.
    var weights: [Double] = []
    var dataRows: [Int] = []
    /// Data rows (1-based) left out for empty fields.
    var skipped: [Int] = []
    /// Per header column, in how many rows it was empty (counted only for the columns read).
    var emptyCounts: [Int]

    /// The complete rows and all rows, skipped ones included.
    var completeCount: Int { inputs.count }
    var totalCount: Int { inputs.count + skipped.count }

    /// Reads every row left in `reader`, skipping blank lines. Errors name `file` and the line: a row with the
    /// wrong number of fields, an empty field when `missing` is `.error`, text that is not a number, NaN or
    /// infinity, malformed CSV.
    init(reading reader: CSVReader, header: CSVHeader, missing: CSVOptions.MissingValues, file: String) throws(DatasetError) {
        emptyCounts = [Int](repeating: 0, count: header.names.count)
        var dataRow = 0
        while let fields = reader.next() {
            dataRow += 1
            let line = dataRow + 1
            if fields == [""] { continue }  // a blank line
            guard fields.count == header.names.count else {
                let trailing = fields.count > header.names.count && fields[header.names.count...].allSatisfy(\.isEmpty)
                throw .invalidData(file: file, reason: "line \(line) has \(fields.count) fields, the header has \(header.names.count)"
                                   + (trailing ? " (the extra fields are empty: trailing commas?)" : ""))
            }
            var values = try rowValues(fields, header: header, line: line, missing: missing, file: file)
            if values.contains(where: { $0 == nil }) { skipped.append(dataRow); continue }
            if let index = header.weightIndex, let weight = values.removeLast() {
                try Self.checkWeight(weight, sigma: header.weightsAreSigmas, column: header.names[index], line: line, file: file)
                weights.append(weight)
            }
            inputs.append(values.dropLast().map { $0! })
            labels.append(values.last!!)
            dataRows.append(dataRow)
        }
        if let error = reader.error { throw .invalidData(file: file, reason: "malformed CSV after line \(dataRow + 1) (\(error))") }
        if let index = header.weightIndex, !weights.isEmpty, weights.allSatisfy({ $0 == 0 }) {
            throw .invalidData(file: file, reason: "column '\(header.names[index].excerpt())': every weight is 0; at least one row must count")
        }
    }

    /// A measurement error must be > 0 (its weight is 1/sigma^2), a weight >= 0.
    private static func checkWeight(_ value: Double, sigma: Bool, column: String, line: Int, file: String) throws(DatasetError) {
        if sigma, value <= 0 {
            throw .invalidData(file: file, reason: "line \(line), column '\(column.excerpt())': a measurement error (sigma) must be > 0, found \(value)")
        }
        if !sigma, value < 0 {
            throw .invalidData(file: file, reason: "line \(line), column '\(column.excerpt())': a weight must be >= 0, found \(value)")
        }
    }

    /// The values of one row's input fields, then its target field, then its weight field if any; nil for an empty
    /// field, which is counted.
    private mutating func rowValues(_ fields: [String], header: CSVHeader, line: Int, missing: CSVOptions.MissingValues,
                                    file: String) throws(DatasetError) -> [Double?] {
        var values: [Double?] = []
        for index in header.inputIndices + [header.targetIndex] + (header.weightIndex.map { [$0] } ?? []) {
            let field = fields[index]
            let column = header.names[index]
            if field.isEmpty {
                if missing == .error {
                    throw .invalidData(file: file, reason: "line \(line), column '\(column.excerpt())' is empty")
                }
                emptyCounts[index] += 1
                values.append(nil)
                continue
            }
            guard let value = Double(field) else {
                throw .invalidData(file: file, reason: "line \(line), column '\(column.excerpt())': '\(field.excerpt())' is not a number")
            }
            guard value.isFinite else {
                throw .invalidData(file: file, reason: "line \(line), column '\(column.excerpt())': \(field.excerpt()) is not finite")
            }
            values.append(value)
        }
        return values
    }

    /// The columns with empty fields, and in how many rows, most first.
    func emptyFields(in header: CSVHeader) -> [EmptyFields] {
        header.names.indices.filter { emptyCounts[$0] > 0 }.sorted { emptyCounts[$0] > emptyCounts[$1] }
            .map { EmptyFields(column: header.names[$0], rows: emptyCounts[$0]) }
    }
}
