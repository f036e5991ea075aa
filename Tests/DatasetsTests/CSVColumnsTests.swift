@testable import Datasets
import Foundation
import Testing

/// `CSVColumns`: the named columns of a CSV file with a header, in the order asked (the inputs of `kan predict`);
/// a bad row is reported with its line and why, without stopping the others; a missing column is an error naming
/// the columns the file has.
@Suite("CSV columns: selection by name, bad rows by line")
struct CSVColumnsTests {
    typealias Row = CSVColumns.Row

    static func good(_ line: Int, _ values: [Double]) -> Row { Row(line: line, values: .success(values)) }
    static func bad(_ line: Int, _ why: String) -> Row { Row(line: line, values: .failure(CSVColumns.RowProblem(description: why))) }

    @Test("named columns come in the order asked, whatever their order in the file; the others are ignored")
    func anyOrder() throws {
        let text = "a,b,c\n1,2,3\n4,5,6\n"
        #expect(try CSVColumns.parse(text, file: "f.csv", columns: ["c", "a"]) == [Self.good(2, [3, 1]), Self.good(3, [6, 4])])
        #expect(try CSVColumns.parse(text, file: "f.csv", columns: ["b"]) == [Self.good(2, [2]), Self.good(3, [5])])
        #expect(try CSVColumns.parse(text, file: "f.csv", columns: ["a", "b", "c"]) == [Self.good(2, [1, 2, 3]), Self.good(3, [4, 5, 6])])
        // A column asked twice comes twice.
        #expect(try CSVColumns.parse(text, file: "f.csv", columns: ["a", "a"]) == [Self.good(2, [1, 1]), Self.good(3, [4, 4])])
        // Fields and names are trimmed; numbers in any form Double reads; no final newline needed.
        #expect(try CSVColumns.parse(" x , y \n 1.5e2 , -0.25 ", file: "f.csv", columns: ["y", "x"]) == [Self.good(2, [-0.25, 150])])
        // A quoted field with a comma in an unused column does not shift the others.
        #expect(try CSVColumns.parse("note,v\n\"a, b\",7\n", file: "f.csv", columns: ["v"]) == [Self.good(2, [7])])
    }

    @Test("a bad row is reported with its line (the header is line 1, blank lines count) and the documented reason; the others read")
    func badRowsByLine() throws {
        let text = """
        a,b,c
        1,2,3
        1,,3
        1,x,3

        1,inf,3
        1,nan,3
        4
        7,8,oops
        9,10,11
        """
        let rows = try CSVColumns.parse(text, file: "f.csv", columns: ["b", "a"])
        #expect(rows == [
            Self.good(2, [2, 1]),
            Self.bad(3, "column 'b' is empty"),
            Self.bad(4, "column 'b': 'x' is not a finite number"),
            // Line 5 is blank: skipped, but counted.
            Self.bad(6, "column 'b': 'inf' is not a finite number"),
            Self.bad(7, "column 'b': 'nan' is not a finite number"),
            Self.bad(8, "1 fields, the header has 3"),
            // A bad value in a column not asked for does not matter.
            Self.good(9, [8, 7]),
            Self.good(10, [10, 9]),
        ], "\(rows)")
        // A ragged row is refused even when the columns asked for are there (it was predicted from shifted fields).
        let ragged = try CSVColumns.parse("a,b\n1,2,3\n4,5\n6\n", file: "f.csv", columns: ["a"])
        #expect(ragged == [Self.bad(2, "3 fields, the header has 2"), Self.good(3, [4]), Self.bad(4, "1 fields, the header has 2")], "\(ragged)")
        // The first column asked that fails is the one named.
        let first = try CSVColumns.parse("a,b\n,x\n", file: "f.csv", columns: ["b", "a"])
        #expect(first == [Self.bad(2, "column 'b': 'x' is not a finite number")])
        let second = try CSVColumns.parse("a,b\n,x\n", file: "f.csv", columns: ["a", "b"])
        #expect(second == [Self.bad(2, "column 'a' is empty")])
    }

    @Test("errors: a missing column (naming those there are, with a hint for another separator), an empty file, a header alone")
    func errors() throws {
        #expect(throws: DatasetError.invalidData(file: "f.csv", reason: "no column 'd' (columns: a, b, c)")) {
            try CSVColumns.parse("a,b,c\n1,2,3\n", file: "f.csv", columns: ["a", "d"])
        }
        // Names are compared exactly: case matters.
        #expect(throws: DatasetError.invalidData(file: "f.csv", reason: "no column 'A' (columns: a, b, c)")) {
            try CSVColumns.parse("a,b,c\n1,2,3\n", file: "f.csv", columns: ["A"])
        }
        do {
            _ = try CSVColumns.parse("a;b;c\n1;2;3\n", file: "f.csv", columns: ["a"])
            Issue.record("a semicolon-separated file has no column 'a'")
        } catch {
            #expect(error.description.hasPrefix("f.csv: no column 'a' (columns: a;b;c); the header is one column 'a;b;c', which looks separated by semicolons"),
                    "\(error)")
        }
        for empty in ["", "  \n\n "] {
            #expect(throws: DatasetError.invalidData(file: "f.csv", reason: "the file is empty; expected a header row naming the columns a, b, then rows of numbers")) {
                try CSVColumns.parse(empty, file: "f.csv", columns: ["a", "b"])
            }
        }
        #expect(throws: DatasetError.invalidData(file: "f.csv", reason: "the header has no data rows under it")) {
            try CSVColumns.parse("a,b\n", file: "f.csv", columns: ["a"])
        }
        #expect(throws: DatasetError.invalidData(file: "f.csv", reason: "the header has no data rows under it")) {
            try CSVColumns.parse("a,b\n\n\n", file: "f.csv", columns: ["a"])
        }
    }

    @Test("load reads a file as parse reads its text; a file that is not there is an I/O error naming it")
    func load() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-csvcolumns-\(UUID().uuidString).csv")
        let text = "p,q\n1,2\n3,\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try CSVColumns.load(url, columns: ["q", "p"]) == CSVColumns.parse(text, file: url.path, columns: ["q", "p"]))
        #expect(try CSVColumns.load(url, columns: ["q", "p"]) == [Self.good(2, [2, 1]), Self.bad(3, "column 'q' is empty")])

        let missing = url.deletingLastPathComponent().appendingPathComponent("swiftkan-no-such-\(UUID().uuidString).csv")
        do {
            _ = try CSVColumns.load(missing, columns: ["p"])
            Issue.record("a missing file loaded")
        } catch {
            guard case .io(let file, _) = error else { Issue.record("expected an I/O error, got \(error)"); return }
            #expect(file == missing.path)
        }
    }
}
