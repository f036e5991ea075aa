import CSV
import Files
import Foundation
import Optimization

/// Reads named columns of a CSV file with a header row, in the order asked: the inputs of new rows for
/// `kan predict`. A missing column is an error naming the file and the columns it has; a row that cannot be read
/// (more or fewer fields than the header, a field that is empty or not a finite number) does not stop the others: it is reported with its
/// line, so a caller can name every bad row at once or leave them out.
public enum CSVColumns {
    /// One data row: its line in the file (the header is line 1) and its values, or why it cannot be read.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var values: Result<[Double], RowProblem>
    }

    /// Why a data row cannot be read.
    public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    public static func load(_ url: URL, columns names: [String]) throws(DatasetError) -> [Row] {
        let text: String
        do { text = try FileReader.text(at: url.path) } catch { throw .io(file: url.path, reason: error.reason) }
        return try parse(text, file: url.path, columns: names)
    }

    public static func parse(_ text: String, file: String, columns names: [String]) throws(DatasetError) -> [Row] {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .invalidData(file: file, reason: "the file is empty; expected a header row naming the columns \(names.joined(separator: ", ").excerpt(limit: 200)), then rows of numbers")
        }
        let reader: CSVReader
        do { reader = try CSVText.reader(text) } catch {
            throw .invalidData(file: file, reason: "the header row cannot be read as CSV (an unclosed quote?)")
        }
        let header = reader.headerRow ?? []
        var indices: [Int] = []
        for name in names {
            guard let index = header.firstIndex(of: name) else {
                throw .invalidData(file: file, reason: "no column '\(name.excerpt())' (columns: \(header.joined(separator: ", ").excerpt(limit: 200)))\(CSVSeparatorHint.note(for: header))")
            }
            indices.append(index)
        }
        var rows: [Row] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields == [""] { continue }  // a blank line
            // A ragged row (fields shifted, one lost or one too many) is refused as `kan train` refuses it, even when
            // the columns asked for are there: it was predicted from whatever stood in their places.
            guard fields.count == header.count else {
                rows.append(Row(line: line, values: .failure(RowProblem(description: "\(fields.count) fields, the header has \(header.count)"))))
                continue
            }
            rows.append(Row(line: line, values: values(of: fields, at: indices, names: names)))
        }
        if let error = reader.error { throw .invalidData(file: file, reason: "malformed CSV after line \(line) (\(error))") }
        guard !rows.isEmpty else { throw .invalidData(file: file, reason: "the header has no data rows under it") }
        return rows
    }

    private static func values(of fields: [String], at indices: [Int], names: [String]) -> Result<[Double], RowProblem> {
        var values: [Double] = []
        for (name, index) in zip(names, indices) {
            guard index < fields.count else {
                return .failure(RowProblem(description: "\(fields.count) fields, none for column '\(name.excerpt())'"))
            }
            let field = fields[index]
            guard !field.isEmpty else { return .failure(RowProblem(description: "column '\(name.excerpt())' is empty")) }
            guard let value = Double(field), value.isFinite else {
                return .failure(RowProblem(description: "column '\(name.excerpt())': '\(field.excerpt())' is not a finite number"))
            }
            values.append(value)
        }
        return .success(values)
    }
}
