import Datasets
import Foundation
import Optimization
import Symbolic
import Testing
import TestSupport

@Suite("Feynman table")
struct FeynmanTableTests {
    static let table = DataTests.sharedData.appendingPathComponent("feynman_dev.csv")

    @Test("the development table: 20 laws, their variables and ranges, every formula parsed")
    func developmentTable() throws {
        let equations = try FeynmanTable.load(Self.table)
        #expect(equations.count == 20)
        let first = try #require(equations.first)
        #expect(first.name == "I.6.2a" && first.output == "f" && first.variables == ["theta"] && first.ranges == [1...3])
        let relativistic = try #require(equations.first { $0.name == "I.10.7" })
        #expect(relativistic.variables == ["m_0", "v", "c"] && relativistic.ranges == [1...5, 1...2, 3...10])
        expectClose(try relativistic.truth.evaluate(at: ["m_0": 2, "v": 1.5, "c": 5]), 2 / (1 - 0.09).squareRoot())
    }

    @Test("sampling: uniform on the ranges, 25% held out, labels from the law, noise scaled to the target's RMS, seeded")
    func sampling() throws {
        let law = try #require(try FeynmanTable.load(Self.table).first { $0.name == "I.12.1" })  // mu*Nn on [1,5]^2
        let clean = try law.dataset(points: 4000, seed: 3)
        #expect(clean.trainInputs.rows == 3000 && clean.testInputs.rows == 1000 && clean.inputNames == ["mu", "Nn"])
        #expect(clean.trainInputs.values.allSatisfy { (1...5).contains($0) })
        for row in 0..<20 { expectClose(clean.trainLabels[row, 0], clean.trainInputs[row, 0] * clean.trainInputs[row, 1]) }
        #expect(try law.dataset(points: 4000, seed: 3) == clean)
        let noisy = try law.dataset(points: 4000, noise: 0.01, seed: 3)
        let all = clean.trainLabels.values + clean.testLabels.values
        let rms = (all.reduce(0) { $0 + $1 * $1 } / Double(all.count)).squareRoot()
        let differences = zip(noisy.trainLabels.values + noisy.testLabels.values, all).map { $0 - $1 }
        let spread = (differences.reduce(0) { $0 + $1 * $1 } / Double(differences.count)).squareRoot()
        #expect(abs(spread / (0.01 * rms) - 1) < 0.05, "noise standard deviation \(spread), expected \(0.01 * rms)")
    }

    static let header = "Filename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high\n"

    /// Bad tables: the text and a fragment of the message, which starts with the file's name. Rows are under
    /// `header` unless the text starts with its own.
    static let badTables: [(String, String)] = [
        // The file.
        ("!", "t.csv: the file is empty; expected an AI Feynman table (header: Filename, Number, Output, Formula, # variables, v1_name"),
        ("! \n\n", "t.csv: the file is empty"),
        ("!x,y\n1,2", "t.csv: no 'Filename' column (columns: x, y)"),
        ("!\nT.1,1,f,x,1,x,1,2", "t.csv: the first line is blank"),
        ("!Filename,Number,Output,# variables,v1_name,v1_low,v1_high\nT.1,1,f,1,x,1,2", "t.csv: no 'Formula' column"),
        ("!Filename,Filename,Output,Formula,# variables,v1_name,v1_low,v1_high\n", "t.csv: column 'Filename' appears twice in the header (columns 1 and 2)"),
        ("!Filename,Output,Formula,# variables,v1_name,v1_low\nT.1,f,x,1,x,1", "t.csv: no 'v1_high' column"),
        ("!Filename,Output,Formula,# variables\nT.1,f,x,1", "t.csv: no 'v1_name' column: the header names no variables"),
        ("!" + header, "t.csv: no equations: the table has a header but no rows"),
        (",,,,,,,,,,\n\n", "t.csv: no equations: the table has a header but no rows"),
        // Ragged rows and missing fields.
        ("T.1,1,f,x,1,x,1,2", "t.csv: line 2 (T.1): 8 fields, the header has 11"),
        ("T.1,1,f,x,1,x,1,2,,,,,", "t.csv: line 2 (T.1): 13 fields, the header has 11 (the extra fields are empty: trailing commas?)"),
        ("T.1,1,f,x,1,x,1,2,,,,z", "t.csv: line 2 (T.1): 12 fields, the header has 11"),
        ("T.1,1,f,x,1,x,1,2,,,\nT.2,2,f,y,1,y,1", "t.csv: line 3 (T.2): 7 fields, the header has 11"),
        (",1,f,x,1,x,1,2,,,", "t.csv: line 2: the 'Filename' field is empty"),
        ("T.1,1,,x,1,x,1,2,,,", "t.csv: line 2 (T.1): the 'Output' field is empty"),
        ("T.1,1,f,,1,x,1,2,,,", "t.csv: line 2 (T.1): the 'Formula' field is empty"),
        ("T.1,1,f,x,,x,1,2,,,", "t.csv: line 2 (T.1): the '# variables' field is empty"),
        ("T.1,1,f,x*y,2,x,1,2,y,,5", "t.csv: line 2 (T.1): variable 2 is incomplete: v2_low is empty, but v2_name 'y' and v2_high '5' are given"),
        ("T.1,1,f,x,1,,1,2,,,", "t.csv: line 2 (T.1): variable 1 is incomplete: v1_name is empty, but v1_low '1' and v1_high '2' are given"),
        ("T.1,1,f,x*y,2,x,1,2,y,1,", "variable 2 is incomplete: v2_high is empty"),
        ("T.1,1,f,2,1,,,,,,", "t.csv: line 2 (T.1): no variables: every vK_name, vK_low and vK_high is empty"),
        ("T.1,1,f,x,two,x,1,2,,,", "t.csv: line 2 (T.1): '# variables' is 'two', not a whole number >= 1"),
        ("T.1,1,f,x,0,x,1,2,,,", "'# variables' is '0', not a whole number >= 1"),
        ("T.1,1,f,x,1.5,x,1,2,,,", "'# variables' is '1.5', not a whole number >= 1"),
        // Names: repeated, unusable in a formula, an equation's name twice.
        ("T.1,1,f,x*x,2,x,1,2,x,1,2", "t.csv: line 2 (T.1): variable 'x' is listed twice (v1_name and v2_name); name each variable once"),
        ("T.1,1,f,x,1,x,1,2,,,\nT.2,1,f,x*y,2,y,1,2,y,3,4", "t.csv: line 3 (T.2): variable 'y' is listed twice"),
        ("T.1,1,f,a,2,a-b,1,2,a,1,2", "t.csv: line 2 (T.1): v1_name 'a-b' is not a name a formula can use"),
        ("T.1,1,f,x,1,2x,1,2,,,", "v1_name '2x' is not a name a formula can use"),
        ("T.1,1,f,x,1,x,1,2,,,\nT.1,2,f,x,1,x,1,2,,,", "t.csv: line 3 (T.1): the name 'T.1' is also on line 2; name each equation once"),
        // Ranges.
        ("T.1,1,f,x,1,x,2,one,,,", "t.csv: line 2 (T.1): v1_high of 'x' is 'one', not a number"),
        ("T.1,1,f,x,1,x,low,2,,,", "v1_low of 'x' is 'low', not a number"),
        ("T.1,1,f,x,1,x,2,1,,,", "t.csv: line 2 (T.1): the range of 'x' is 2..1; expected v1_low < v1_high"),
        ("T.1,1,f,x,1,x,2,2,,,", "the range of 'x' is 2..2; expected v1_low < v1_high"),
        ("T.1,1,f,x,1,x,1,inf,,,", "the range of 'x' is 1..inf; expected finite bounds"),
        ("T.1,1,f,x,1,x,nan,1,,,", "the range of 'x' is nan..1; expected finite bounds"),
        ("T.1,1,f,x,1,x,-1e308,1e308,,,", "the range of 'x' is -1e308..1e308; expected finite bounds less than 1e308 apart"),
        // Formulas.
        ("T.1,1,f,sin(x,1,x,1,2,,,", "t.csv: line 2 (T.1): formula 'sin(x' does not parse"),
        ("T.1,1,f,x*y,1,x,1,2,,,", "t.csv: line 2 (T.1): formula uses 'y', which is not among its variables (x)"),
        ("T.1,1,f,x*y*z,2,x,1,2,q,1,2", "formula uses 'y', 'z', which are not among its variables (x, q)"),
        ("T.1,1,f,~x,1,x,1,2,,,", "formula '~x' does not parse"),
        // CSV.
        ("T.1,1,f,\"x,1,x,1,2,,,", "t.csv: line 2 (T.1"),
    ]

    @Test("a bad table is an error naming the file, and for a row its line, its equation and the field", arguments: badTables)
    func badTable(text: String, message: String) throws {
        let table = text.hasPrefix("!") ? String(text.dropFirst()) : Self.header + text + "\n"
        do {
            let equations = try FeynmanTable.parse(table, file: "t.csv")
            Issue.record("accepted, as \(equations.map(\.name))")
        } catch {
            #expect("\(error)".hasPrefix("t.csv: ") && "\(error)".contains(message), "\(error)")
        }
    }

    @Test("accepted: a '# variables' other than the variables listed (as in the AI Feynman table) gives a note; blank rows and empty slots are skipped")
    func accepted() throws {
        let table = Self.header + """
            T.1,1,f,r*F,1,r,1,5,F,1,5
            ,,,,,,,,,,

            T.2,2,f,x,3,x,1,2,,,
            T.3,3,f,2*y,1.0,,,,y,-1,1
            """
        let equations = try FeynmanTable.parse(table, file: "t.csv")
        #expect(equations.map(\.name) == ["T.1", "T.2", "T.3"])
        #expect(equations.map(\.line) == [2, 5, 6])
        #expect(equations[0].note == "'# variables' is 1, but 2 variables are listed (r, F); the listed ones are used")
        #expect(equations[1].note == "'# variables' is 3, but 1 variable is listed (x); the listed ones are used")
        #expect(equations[2].note == nil && equations[2].variables == ["y"] && equations[2].ranges == [-1...1])
        #expect(try FeynmanTable.load(Self.table).allSatisfy { $0.note == nil })
    }

    @Test("a listed variable named e, E or pi is a variable of the formula, not the constant; unlisted, they are constants")
    func constantLikeVariables() throws {
        let table = Self.header + """
            T.1,1,f,e*x,2,e,1,5,x,1,5
            T.2,2,f,E + pi*x,2,E,1,5,x,1,5
            """
        let equations = try FeynmanTable.parse(table, file: "t.csv")
        #expect(equations[0].truth.variables == ["e", "x"])
        #expect(try equations[0].truth.evaluate(at: ["e": 2, "x": 3]) == 6)
        #expect(try equations[1].truth.evaluate(at: ["E": 2, "x": 3]) == 2 + 3 * Double.pi)
    }

    @Test("sampling refuses a formula without a value at a point (naming it) or too large to square, and overflowing noise", arguments: [
        ("log(x)", -2.0...(-1.0), 0.0, "formula 'log(x)' has no value at x = -"),
        ("exp(x)", 800...900, 0, "formula 'exp(x)' has no value at x = 8"),
        ("x", 1e200...2e200, 0, "formula 'x' reaches 1.9"),
        ("x", 1e153...1.3e154, 0, "too large to square and sum over 100 points; narrow the ranges"),
        ("x", 1...2, 1e300, "invalid noise = 1e+300: for T.1, noise of 1e+300 x the target's root mean square (1.5"),
    ] as [(String, ClosedRange<Double>, Double, String)])
    func badData(formula: String, range: ClosedRange<Double>, noise: Double, message: String) throws {
        let equation = FeynmanEquation(name: "T.1", output: "f", formula: formula, truth: try Expr(parsing: formula),
                                       variables: ["x"], ranges: [range])
        do {
            _ = try equation.dataset(points: 100, noise: noise)
            Issue.record("sampled")
        } catch {
            #expect("\(error)".contains(message) && "\(error)".contains("T.1"), "\(error)")
        }
    }

    @Test("an equation built by hand with a repeated variable or a range per variable missing is an error, not a trap")
    func badEquation() throws {
        let truth = try Expr(parsing: "x*x")
        let repeated = FeynmanEquation(name: "T.1", output: "f", formula: "x*x", truth: truth, variables: ["x", "x"], ranges: [1...2, 1...2])
        #expect(throws: DatasetError.invalidData(file: "T.1", reason: "variable 'x' is listed twice; name each variable once")) {
            try repeated.dataset(points: 10)
        }
        let short = FeynmanEquation(name: "T.1", output: "f", formula: "x*x", truth: truth, variables: ["x"], ranges: [])
        #expect(throws: DatasetError.self) { try short.dataset(points: 10) }
    }
}
