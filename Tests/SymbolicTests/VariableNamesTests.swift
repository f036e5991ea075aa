import Symbolic
import Testing

/// Data columns become distinct formula variables that parse back as variables, never as constants.
@Suite("Variable names of data columns")
struct VariableNamesTests {
    static let cases: [([String], [String])] = [
        (["x1", "x2"], ["x1", "x2"]),
        (["max-hr", "2nd"], ["max_hr", "_2nd"]),
        (["pi", "e", "E"], ["pi_1", "e_1", "E_1"]),
        (["x^2", "x_2"], ["x_2_1", "x_2"]),
        (["x_2", "x^2", "x 2"], ["x_2", "x_2_1", "x_2_2"]),
        (["pi", "pi_1"], ["pi_2", "pi_1"]),
        (["a.b", "a-b", "a_b"], ["a_b_1", "a_b_2", "a_b"]),
    ]

    @Test("each column its own variable, parseable, not a constant", arguments: cases)
    func names(columns: [String], expected: [String]) throws {
        let names = VariableNames.of(columns)
        #expect(names == expected)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(try Expr(parsing: name) == .variable(name))
        }
    }

    @Test("a renamed column is noted, a column made parseable is not")
    func notes() {
        let columns = ["pi", "x^2", "x_2", "max-hr"]
        let notes = VariableNames.renamingNotes(columns: columns, variables: VariableNames.of(columns))
        #expect(notes == ["column 'pi' is the variable pi_1 in formulas (pi is a constant)",
                          "column 'x^2' is the variable x_2_1 in formulas (x_2 is another column's)"])
    }

    @Test("a parser told the variables reads E and pi as variables; by default they are constants")
    func parserVariables() throws {
        #expect(try ExpressionParser(variables: ["E"]).parse("E*x") == .variable("E") * .variable("x"))
        #expect(try Expr(parsing: "E*x").evaluate(at: ["x": 1]) == 2.718281828459045)
        #expect(try ExpressionParser(variables: ["pi"]).parse("pi").evaluate(at: ["pi": 3]) == 3)
    }
}
