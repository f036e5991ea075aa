import Datasets
import Foundation
import Testing

/// The units table (AI Feynman's format) read, and its errors named by line and variable.
@Suite("Units table")
struct UnitsTableTests {
    @Test("the shared table: 120 variables in m, s, kg, T, V")
    func sharedTable() throws {
        let table = try UnitsTable.load(URL(fileURLWithPath: "../shared/data/feynman_units.csv"))
        #expect(table.baseUnits == ["m", "s", "kg", "T", "V"])
        #expect(table.exponents.count == 120)
        #expect(table.exponents["F"] == [1, -2, 1, 0, 0])
        #expect(try table.dimensions(of: ["m", "c"], file: "u.csv") == [[0, 0, 1, 0, 0], [1, -1, 0, 0, 0]])
    }

    static let bad: [(String, String)] = [
        ("", "the units file is empty"),
        ("Name,m,s\nx,1,0\n", "line 1: no 'Variable' column"),
        ("Variable;m;s\nx;1;0\n", "looks separated by semicolons"),
        ("Variable,Units\nx,Length\n", "no base-unit columns"),
        ("Variable,m,s\nx,1\n", "line 2 has 2 fields, the header has 3"),
        ("Variable,m,s\nx,1,0\ny,0.5,0\n", "line 3, variable 'y', column 'm': '0.5' is not a whole-number exponent"),
        ("Variable,Units,m,s\nx,Length,1,0\nx,Length,1,0\n", "line 3: variable 'x' is listed twice (also on line 2)"),
        ("Variable,m,s\n,1,0\n", "line 2: the variable has no name"),
    ]

    @Test("a bad table is an error naming the line and what is wrong", arguments: bad)
    func refused(text: String, fragment: String) {
        do {
            _ = try UnitsTable.parse(text, file: "u.csv")
            Issue.record("parsed: \(text)")
        } catch {
            #expect(error.description.hasPrefix("u.csv: "))
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test("variables without units are named, all of them")
    func missing() throws {
        let table = try UnitsTable.parse("Variable,m\nx,1\n", file: "u.csv")
        #expect(throws: DatasetError.self) { try table.dimensions(of: ["x", "y", "z"], file: "u.csv") }
        do { _ = try table.dimensions(of: ["x", "y", "z"], file: "u.csv") } catch {
            #expect(error.description.contains("no units for 'y', 'z'"))
        }
    }
}
