import Symbolic
import Testing

@Suite("Parser")
struct ParserTests {
    @Test("reads SymPy, NumPy and caret syntax into the canonical form", arguments: [
        ("x^2", "x**2"),
        ("x**2", "x**2"),
        ("-x^2", "-x**2"),
        ("2^-1", "0.5"),
        ("x^y^2", "x**(y**2)"),
        ("1/2*k*x**2", "0.5*k*x**2"),
        ("Abs(x) + abs(y)", "Abs(x) + Abs(y)"),
        ("arcsin(x) + asin(y)", "asin(x) + asin(y)"),
        ("exp(-theta**2/2)/sqrt(2*pi)", "exp(-0.5*theta**2)/sqrt(2*pi)"),
        ("E + e", "2*E"),
        ("E**x + e^x", "2*exp(x)"),
        ("1e-3*x + .5", "0.001*x + 0.5"),
        ("x_1 + x1 + m_0", "m_0 + x1 + x_1"),
        ("gamma*beta", "beta*gamma"),
        ("sgn(x) + sign(y)", "sign(x) + sign(y)"),
        ("((x))", "x"),
        ("x - (y - z)", "x - y + z"),
    ])
    func parses(text: String, printed: String) throws {
        #expect(try Expr(parsing: text).description == printed)
    }

    @Test("errors name the column and what was expected", arguments: [
        ("sin(x", 6, "expected ')' to close the '(' at column 4"),
        ("x + * y", 5, "expected a number, a name or '('"),
        ("2 $ x", 3, "unexpected character '$'"),
        ("foo(x)", 1, "unknown function 'foo'"),
        ("x y", 3, "expected an operator or the end"),
        ("", 1, "empty expression"),
        ("1.2.3", 1, "malformed number '1.2.3'"),
        ("atan(x, y)", 7, "'atan' takes one argument"),
    ])
    func reportsErrors(text: String, column: Int, message: String) {
        do {
            _ = try Expr(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test("a user's constants are configurable: pi as a variable")
    func configurableConstants() throws {
        let parser = ExpressionParser(constants: [:])
        #expect(try parser.parse("pi*e").variables == ["e", "pi"])
    }
}
