import Files
import Foundation
import Testing

/// `TextTable` and the JSON encodings every report and document is written in.
@Suite("Text tables and JSON encodings")
struct TextFormatsTests {
    @Test("a table pads every cell to its column's widest, two spaces apart, each line ending in a newline")
    func table() {
        var table = TextTable(header: ["complexity", "test_rmse", "formula"])
        table.append(["3", "0.01", "x"])
        table.append(["11", "1.5e-17", "m*g*z"])
        #expect(table.text == "complexity  test_rmse  formula\n"
                             + "3           0.01       x      \n"
                             + "11          1.5e-17    m*g*z  \n")
        #expect(table.rows.count == 3)
    }

    @Test("a table of only its header is one line")
    func headerOnly() {
        #expect(TextTable(header: ["a", "bb"]).text == "a  bb\n")
    }

    struct Sample: Encodable {
        var zeta = 1
        var alpha = "a"
    }

    @Test("pretty JSON sorts keys over lines; a JSON line sorts them on one line")
    func encoders() throws {
        let pretty = String(decoding: try JSONEncoder.pretty.encode(Sample()), as: UTF8.self)
        #expect(pretty == "{\n  \"alpha\" : \"a\",\n  \"zeta\" : 1\n}")
        let line = String(decoding: try JSONEncoder.line.encode(Sample()), as: UTF8.self)
        #expect(line == "{\"alpha\":\"a\",\"zeta\":1}")
    }
}
