import CSV
import Files
import Foundation
import Optimization

/// Reads named columns of a CSV file with a header row as a matrix, in the order asked: the inputs of new rows
/// for `kan predict`. A missing column, a short row or a field that is not a finite number is an error naming
/// the file, the line and the column.
public enum CSVColumns {
    public static func load(_ url: URL, columns names: [String]) throws(DatasetError) -> Matrix {
        let text: String
        do { text = try FileReader.text(at: url.path) } catch { throw .io(file: url.path, reason: error.reason) }
        return try parse(text, file: url.path, columns: names)
    }

    public static func parse(_ text: String, file: String, columns names: [String]) throws(DatasetError) -> Matrix {
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true) } catch {
            throw .invalidData(file: file, reason: "no header row (\(error))")
        }
        let header = reader.headerRow ?? []
        var indices: [Int] = []
        for name in names {
            guard let index = header.firstIndex(of: name) else {
                throw .invalidData(file: file, reason: "no column '\(name)' (columns: \(header.joined(separator: ", ")))")
            }
            indices.append(index)
        }
        var values: [Double] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            for (name, index) in zip(names, indices) {
                guard index < row.count else { throw .invalidData(file: file, reason: "line \(line) has \(row.count) fields, no '\(name)'") }
                guard let value = Double(row[index]), value.isFinite else {
                    throw .invalidData(file: file, reason: "line \(line), column '\(name)': '\(row[index].prefix(40))' is not a finite number")
                }
                values.append(value)
            }
        }
        if let error = reader.error { throw .invalidData(file: file, reason: "line \(line + 1): \(error)") }
        guard !values.isEmpty else { throw .emptyData("\(file): no data rows") }
        return Matrix(rows: values.count / names.count, columns: names.count, values: values)
    }
}
