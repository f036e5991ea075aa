import Symbolic
import Testing

/// Simplifying where the data show variables to be positive: the plain law, not its absolute-value spelling.
@Suite("Simplifying under positive variables")
struct PositiveAssumptionTests {
    static let cases: [(String, Set<String>, String)] = [
        ("0.0796*sqrt(q1**2/epsilon**2)/r**2", ["q1", "epsilon", "r"], "0.0796*q1/(epsilon*r**2)"),
        ("0.0796/(m*sqrt(1/(h**2*q**2)))", ["m", "h", "q"], "0.0796*h*q/m"),
        ("Abs(x*y)", ["x", "y"], "x*y"),
        ("Abs(x + 2)*sign(exp(y))", ["x"], "x + 2"),
        ("sqrt(x**2*y**2)", ["x", "y"], "x*y"),
    ]

    @Test("positive variables let powers distribute and Abs go", arguments: cases)
    func simplifies(text: String, positive: Set<String>, expected: String) throws {
        let (simplified, changed) = try Expr(parsing: text).simplified(assumingPositive: positive)
        #expect(PlainTextPrinter().print(simplified) == expected)
        #expect(changed)
    }

    static let unchanged: [(String, Set<String>)] = [
        ("sqrt(x**2*y**2)", ["x"]),
        ("Abs(x - y)", ["x", "y"]),
        ("sqrt(q1**2/epsilon**2)", []),
        ("x*y + 1", ["x", "y"]),
    ]

    @Test("nothing is assumed beyond what positivity proves", arguments: unchanged)
    func keeps(text: String, positive: Set<String>) throws {
        let expression = try Expr(parsing: text)
        let (simplified, changed) = expression.simplified(assumingPositive: positive)
        #expect(!changed)
        #expect(simplified == expression)
    }
}
