import PropertyBased
import Symbolic
import Testing
import TestSupport

/// The simplifier may only drop what is defined: what has no value as written keeps having none after
/// construction and simplification, through `ExprWithDomain` for points, and in `Expr` itself for parts without
/// variables.
@Suite("Domains: nothing undefined becomes defined")
struct DomainTests {
    @Test("a part without a value whatever the variables keeps the whole undefined, also after simplifying", arguments: [
        "0/0", "(x-x)/(x-x)", "x/0 - x/0", "0*log(-1)", "0*(1/0)", "sqrt(-1)*sqrt(-1)", "log(-1)/log(-1)",
        "(sqrt(-1)*x)^2", "exp(log(-1))", "(0^-1)^-1", "1^log(-1)", "log(-1)^0", "asin(2) - asin(2)", "(pi - 4)^0.5*(pi - 4)^0.5",
    ])
    func undefinedConstants(text: String) throws {
        let expr = try Expr(parsing: text)
        for form in [expr, expr.simplified()] {
            #expect(throws: EvaluationError.self, "\(text) as \(form)") { try form.evaluate(at: ["x": 1]) }
        }
        #expect(ExprWithDomain(expr).undefinedEverywhere != nil)
    }

    @Test("as written, with the canonical form dropping the operation that has no value", arguments: [
        ("0*log(x)", 0.0, "log(0.0) is undefined"),
        ("0*log(x)", -1, "log(-1.0) is undefined"),
        ("sqrt(x)^2", -4, "sqrt(-4.0) is undefined"),
        ("x/x", 0, "division by zero"),
        ("exp(log(x))", -1, "log(-1.0) is undefined"),
        ("x^-1*x^-1*x^2", 0, "division by zero"),
        ("asin(x) - asin(x)", 2, "asin(2.0) is undefined"),
        ("x^x/x^x", -0.5, "negative base"),
    ])
    func undefinedAsWritten(text: String, x: Double, fragment: String) throws {
        let written = try ExprWithDomain(parsing: text)
        let simplified = written.simplified()
        #expect([written.expr, simplified.expr].contains { (try? $0.evaluate(at: ["x": x])) != nil },
                "the canonical or the simplified form has a value")
        for form in [written, simplified] {
            do {
                let value = try form.evaluate(at: ["x": x])
                Issue.record("\(text) = \(value) at x = \(x)")
            } catch {
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
    }

    @Test("defined as written: the same values as before", arguments: [
        ("0*log(x)", 2.0, 0.0), ("sqrt(x)^2", 4, 4), ("x/x", -3, 1), ("exp(log(x))", 0.5, 0.5), ("1/exp(x)*exp(x)", -2, 1),
    ])
    func definedAsWritten(text: String, x: Double, expected: Double) throws {
        let written = try ExprWithDomain(parsing: text)
        expectClose(try written.evaluate(at: ["x": x]), expected, tolerance: 1e-12)
        expectClose(try written.simplified().evaluate(at: ["x": x]), expected, tolerance: 1e-12)
    }

    @Test("what the printed form drops is reported, once per requirement", arguments: [
        ("sqrt(x)^2", ["x >= 0"]), ("0*log(x - 1)", ["x - 1 > 0"]), ("x/x + 1/x", []), ("x/x*y/y", ["x != 0", "y != 0"]),
        ("asin(x) - asin(x)", ["-1 <= x <= 1"]), ("sqrt(x^2)", []), ("1/exp(x)*exp(x)", []),
    ])
    func droppedRequirements(text: String, dropped: [String]) throws {
        #expect(try ExprWithDomain(parsing: text).simplified().droppedRequirements == dropped)
    }

    @Test("overflowing numbers are a parse error naming the column; a non-finite value an evaluation error")
    func overflow() throws {
        #expect { try Expr(parsing: "x + 1e300*1e300") } throws: { "\($0)".contains("column 5") && "\($0)".contains("overflow") }
        #expect(throws: EvaluationError.nonFinite(.infinity)) { try ExprWithDomain(parsing: "x*y").evaluate(at: ["x": 1e300, "y": 1e300]) }
    }

    @Test("2,000 random written expressions at 49 points: undefined as written stays undefined after parsing and simplifying; defined keeps its value")
    func neverDefinedWhereWrittenIsNot() async {
        await propertyCheck(count: 2_000, input: WrittenExpression.expressions()) { written in
            Self.compare(written, constant: false)
        }
    }

    @Test("1,000 random expressions of numbers: an undefined one is undefined as an Expr too, also simplified")
    func constantsNeverFolded() async {
        await propertyCheck(count: 1_000, input: WrittenExpression.expressions(depth: 5, variables: [])) { written in
            Self.compare(written, constant: true)
        }
    }

    /// Checks every form of `written` against the reference at every point of the grid; the plain `Expr` too
    /// when the expression has no variables.
    private static func compare(_ written: WrittenExpression, constant: Bool) {
        let text = written.description
        guard let parsed = try? ExprWithDomain(parsing: text) else {
            Issue.record("'\(text)' does not parse")
            return
        }
        let simplified = parsed.simplified()
        let plain = [parsed.expr, simplified.expr]
        for x in WrittenExpression.coordinates {
            for y in WrittenExpression.coordinates {
                let point = ["x": x, "y": y]
                switch written.outcome(at: point) {
                case .ambiguous:
                    continue
                case .undefined:
                    for form in [parsed, simplified] {
                        if let value = try? form.evaluate(at: point) {
                            Issue.record("'\(text)' is undefined at \(point), but \(form.expr) with its conditions = \(value)")
                        }
                    }
                    if constant {
                        for form in plain where (try? form.evaluate(at: point)) != nil {
                            Issue.record("'\(text)' has no value, but the Expr \(form) has one")
                        }
                    }
                case .value(let expected):
                    for form in [parsed, simplified] {
                        guard let value = try? form.evaluate(at: point) else {
                            Issue.record("'\(text)' = \(expected) at \(point), but \(form.expr) with its conditions is undefined")
                            continue
                        }
                        expectClose(value, expected, tolerance: 1e-6, "'\(text)' -> \(form.expr) at \(point)")
                    }
                }
            }
        }
    }

    @Test("an undefined factor keeps its power when a product is raised: printed and parsed back, it is the same expression", arguments: [
        "cos(y**3)/(log(-1.24)*(y + 2.5)**3)", "1/(sqrt(-1)*x)", "(log(-2)*x)**3", "x/(sqrt(-3)*y)**2",
    ])
    func undefinedFactorPower(_ text: String) throws {
        let expr = try Expr(parsing: text)
        #expect(try Expr(parsing: PlainTextPrinter().print(expr)) == expr, "\(text) printed as \(PlainTextPrinter().print(expr))")
        #expect((try? expr.evaluate(at: ["x": 1.5, "y": 0.5])) == nil, "\(expr) has a value")
    }
}

