import CSV
import Files
import Foundation

/// The physical units of named quantities, as AI Feynman's `units.csv` gives them (`Variable,Units,m,s,kg,T,V`):
/// per variable, the exponents of each base unit (`F` in newtons is `m: 1, s: -2, kg: 1`). A column named `Units`
/// (or any column after `Variable` whose values are not numbers in every row) is a description and is skipped; every
/// other column is a base unit.
public struct UnitsTable: Sendable, Equatable {
    /// The base units, in the table's order (`m, s, kg, T, V`).
    public var baseUnits: [String]
    /// Each variable's exponents of the base units, in `baseUnits` order.
    public var exponents: [String: [Int]]

    public init(baseUnits: [String], exponents: [String: [Int]]) {
        self.baseUnits = baseUnits
        self.exponents = exponents
    }

    public static func load(_ url: URL) throws(DatasetError) -> UnitsTable {
        let text: String
        do { text = try FileReader.text(at: url.path) } catch { throw .io(file: url.path, reason: error.reason) }
        return try parse(text, file: url.path)
    }

    /// Parses the table; errors name the file and the line: no `Variable` column, no base units, a row with the
    /// wrong number of fields, an exponent that is not a whole number, a variable listed twice.
    public static func parse(_ text: String, file: String) throws(DatasetError) -> UnitsTable {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .invalidData(file: file, reason: "the units file is empty; expected a header such as Variable,Units,m,s,kg,T,V, then one row per variable")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true) } catch {
            throw .invalidData(file: file, reason: "line 1: the header cannot be read as CSV (an unclosed quote?)")
        }
        let header = reader.headerRow ?? []
        guard let nameColumn = header.firstIndex(where: { $0.lowercased() == "variable" }) else {
            throw .invalidData(file: file, reason: "line 1: no 'Variable' column (header: \(header.joined(separator: ",").excerpt(limit: 200))); expected a header such as Variable,Units,m,s,kg,T,V\(CSVSeparatorHint.note(for: header))")
        }
        var rows: [(line: Int, fields: [String])] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw .invalidData(file: file, reason: "line \(line) has \(fields.count) fields, the header has \(header.count)")
            }
            rows.append((line, fields))
        }
        if let error = reader.error { throw .invalidData(file: file, reason: "malformed CSV after line \(line) (\(error))") }
        // Base units: every column but the name whose fields are all numbers; a column named Units is a description.
        let unitColumns = header.indices.filter { column in
            column != nameColumn && header[column].lowercased() != "units"
                && rows.allSatisfy { Double($0.fields[column]) != nil || $0.fields[column].isEmpty }
        }
        guard !unitColumns.isEmpty else {
            throw .invalidData(file: file, reason: "no base-unit columns: expected columns of exponents such as m,s,kg,T,V after Variable")
        }
        var exponents: [String: [Int]] = [:], lines: [String: Int] = [:]
        for (line, fields) in rows {
            let name = fields[nameColumn]
            guard !name.isEmpty else { throw .invalidData(file: file, reason: "line \(line): the variable has no name") }
            if let first = lines[name] {
                throw .invalidData(file: file, reason: "line \(line): variable '\(name.excerpt())' is listed twice (also on line \(first))")
            }
            var vector: [Int] = []
            for column in unitColumns {
                let field = fields[column]
                guard let value = field.isEmpty ? 0 : Double(field), value.isFinite, value == value.rounded(), abs(value) <= 100 else {
                    throw .invalidData(file: file, reason: "line \(line), variable '\(name.excerpt())', column '\(header[column])': '\(field.excerpt())' is not a whole-number exponent")
                }
                vector.append(Int(value))
            }
            exponents[name] = vector
            lines[name] = line
        }
        return UnitsTable(baseUnits: unitColumns.map { header[$0] }, exponents: exponents)
    }

    /// The exponents of each of `names`, in order; names without a row are an error listing them all.
    public func dimensions(of names: [String], file: String) throws(DatasetError) -> [[Int]] {
        let missing = names.filter { exponents[$0] == nil }
        guard missing.isEmpty else {
            throw .invalidData(file: file, reason: "no units for \(missing.map { "'\($0.excerpt())'" }.joined(separator: ", ")): add a row for each (exponents of \(baseUnits.joined(separator: ", ")); 0s for a dimensionless quantity)")
        }
        return names.map { exponents[$0]! }
    }
}
