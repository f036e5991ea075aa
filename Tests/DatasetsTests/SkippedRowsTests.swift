import Datasets
import Testing

/// `CSVLoadReport.skippedRowsSummary`: the note on rows left out of a CSV file for empty fields.
@Suite("Skipped rows")
struct SkippedRowsTests {
    static func report(emptyAt rows: Set<Int>) throws -> CSVLoadReport {
        let lines = (1...10).map { row in rows.contains(row) ? "\(row),,\(2 * row)" : "\(row),\(row % 3),\(2 * row)" }
        return try CSVLoader.parse("a,b,y\n" + lines.joined(separator: "\n") + "\n", file: "t.csv", options: CSVOptions(target: "y")).report
    }

    @Test("the rows skipped, out of all data rows, and the columns whose fields were empty")
    func summary() throws {
        let report = try Self.report(emptyAt: [3, 5])
        #expect(report.skippedRows == [3, 5])
        #expect(report.skippedRowsSummary == "2 of 10 data rows skipped for empty fields (rows 3, 5; empty: column 'b' (2 rows))")
    }

    @Test("no note when every row was read")
    func none() throws {
        #expect(try Self.report(emptyAt: []).skippedRowsSummary == nil)
    }
}
