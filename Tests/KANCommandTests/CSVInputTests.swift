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

    static let cases: [(String, [String], Int32, String)] = [
        ("a,a,y\n" + rows(), [], 1, "column 'a' appears twice in the header; rename one"),
        ("a,b,y,\n" + rows().replacingOccurrences(of: "\n", with: ",\n"), [], 1, "column 4 of the header has no name (a trailing comma?)"),
        ("a,b,y\n" + rows(), ["--inputs", "a,y"], 1, "the target 'y' is also listed among the inputs"),
        ("a,b,y\n" + rows(emptyB: Set(1...57)), [], 1, "57 of 60 data rows skipped for empty fields (rows 1, 2, 3, 4, 5, ... (57 in all)), more than are complete"),
        ("a,b,y\n" + rows(emptyB: Set(1...59)), [], 1, "1 complete data row(s); 59 of 60 data rows skipped for empty fields"),
        ("a,b,y\n" + rows(emptyB: [4, 9]), [], 0, "note: "),
    ]

    @Test("messy CSV files: refused with the column or rows named, or rows skipped with a note", arguments: cases)
    func messy(text: String, options: [String], status: Int32, fragment: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try text.write(to: url, atomically: false, encoding: .utf8)
        let result = try runProcess(Self.kan, ["train", "--data", url.path, "--target", "y", "--steps", "1", "--quiet"] + options)
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.contains(fragment), "\(result.standardError)")
        if status == 0 {
            #expect(result.standardError == "note: \(url.path): 2 of 60 data rows skipped for empty fields (rows 4, 9)\n")
        } else {
            #expect(result.standardError.contains(url.path), "\(result.standardError)")
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }
}
