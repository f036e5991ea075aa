import Foundation
import Testing
import TestSupport

/// Messy CSV files given to `kan train`: a table of (file text, extra options, message, exit status). Each
/// refusal names the file and the column or rows; the file is left as it was.
@Suite("kan: CSV input")
struct CSVInputTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    /// 60 rows of a, b, y = a + b; the rows in `emptyB` have an empty `b`.
    static func rows(emptyB: Set<Int> = []) -> String {
        (1...60).map { r in "\(Double(r) / 60),\(emptyB.contains(r) ? "" : "\(Double(r % 7) / 7)"),\(Double(r) / 60 + Double(r % 7) / 7)" }
            .joined(separator: "\n") + "\n"
    }

    /// `rows()` with each line changed by `change`.
    static func rows(_ change: (String) -> String) -> String {
        rows().split(separator: "\n").map { change(String($0)) }.joined(separator: "\n") + "\n"
    }

    static let cases: [(String, [String], Int32, String)] = [
        ("a,a,y\n" + rows(), [], 1, "column 'a' appears twice in the header; rename one"),
        ("a,b,y,\n" + rows().replacingOccurrences(of: "\n", with: ",\n"), [], 1, "column 4 of the header has no name (a trailing comma?)"),
        ("a,b,y\n" + rows(), ["--inputs", "a,y"], 1, "the target 'y' is also listed among the inputs"),
        ("a,b,y\n" + rows(emptyB: Set(1...57)), [], 1, "57 of 60 data rows skipped for empty fields (rows 1, 2, 3, 4, 5, ... (57 in all); empty: column 'b' (57 rows)), more than are complete; fill or remove the empty fields"),
        ("a,b,y\n" + rows(emptyB: Set(1...59)), [], 1, "1 complete data row of 60, at least 2 are needed; 59 of 60 data rows skipped for empty fields (rows 1, 2, 3, 4, 5, ... (59 in all); empty: column 'b' (59 rows)); fill or remove the empty fields"),
        ("a,b,y\n" + rows(emptyB: [4, 9]), [], 0, "note: "),
        // Empty, short and malformed files; trailing commas; an empty column (issue 13: "0 complete data rows").
        ("", [], 1, "the file is empty; expected a header row of column names, then rows of numbers"),
        ("a,b,y\n", [], 1, "0 data rows after the header; at least 2 are needed (one to train on, one to test)"),
        ("a,b,y\n1,2,3\n", [], 1, "1 data row after the header; at least 2 are needed"),
        ("a,b,y\n" + rows { $0 + "," }, [], 1, "line 2 has 4 fields, the header has 3 (the extra fields are empty: trailing commas?)"),
        ("a,b,y,z\n" + rows { $0 + "," }, [], 1, "0 complete data rows of 60, at least 2 are needed; 60 of 60 data rows skipped for empty fields (rows 1, 2, 3, 4, 5, ... (60 in all); empty: column 'z' (60 rows)); leave out 'z', empty in every row, with --inputs a,b"),
        ("a,\"b,y\n" + rows(), [], 1, "column 2 of the header runs over several lines (an unclosed quote?)"),
        ("a,b,y\n" + rows { $0.replacingOccurrences(of: ",", with: ",abc", options: [], range: $0.range(of: ",")) }, [], 1, "line 2, column 'b': 'abc0."),
        ("a,b,y\n" + rows { "\(String(repeating: "9", count: 2_000_000))x" + $0.drop { $0 != "," } }, [], 1, "line 2, column 'a': '999999999"),
        ("\u{FEFF}a,b,y\n" + rows(), [], 0, ""),
        // Values too large to train on: the column is named, not "the loss became NaN".
        ("a,b,y\n" + rows { $0.replacingOccurrences(of: ",", with: "e200,", options: [], range: $0.range(of: ",")) }, [], 1, "column 'a' holds 6.666666666666666e+199; squared and summed over 60 rows, values this large overflow a Double: rescale the column"),
        ("a,b,y\n" + rows { $0 + "e300" }, [], 1, "column 'y' holds"),
    ]

    @Test("messy CSV files: refused with the column or rows named, or rows skipped with a note", arguments: cases)
    func messy(text: String, options: [String], status: Int32, fragment: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try text.write(to: url, atomically: false, encoding: .utf8)
        let result = try runProcess(Self.kan, ["train", "--data", url.path, "--target", "y", "--steps", "1", "--quiet"] + options)
        #expect(result.status == status, "\(result.standardError)")
        #expect(fragment.isEmpty || result.standardError.contains(fragment), "\(result.standardError)")
        #expect(result.standardError.count < 2_000, "a field is echoed whole")
        if status == 0 {
            #expect(result.standardError == (fragment.isEmpty ? "" : "note: \(url.path): 2 of 60 data rows skipped for empty fields (rows 4, 9; empty: column 'b' (2 rows))\n"))
        } else {
            #expect(result.standardError.contains(url.path), "\(result.standardError)")
        }
        #expect(try Data(contentsOf: url) == Data(text.utf8))
    }
}
