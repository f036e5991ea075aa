import Symbolic
import Testing

/// Each rule on a table of inputs: where it applies (and what it gives) and where its guard must refuse.
@Suite("Rewrite rules")
struct RuleTests {
    static let cases: [(rule: RewriteRule, input: String, output: String?)] = [
        (.foldFunction, "sin(0)", "0"),
        (.foldFunction, "exp(1)", "2.718281828459045"),
        (.foldFunction, "log(-1)", nil),
        (.foldFunction, "sin(x)", nil),
        (.distributeNumber, "2*(x + 1)", "2*x + 2"),
        (.distributeNumber, "-(x - 1)", "1 - x"),
        (.distributeNumber, "2*(x + 1)*y", nil),
        (.distributeNumber, "2*(x + 1)^2", nil),
        (.oddFunctionOfNegative, "sin(-x)", "-sin(x)"),
        (.oddFunctionOfNegative, "tanh(1 - x)", "-tanh(x - 1)"),
        (.oddFunctionOfNegative, "sin(x - 1)", nil),
        (.oddFunctionOfNegative, "cos(-x)", nil),
        (.evenFunctionOfNegative, "cos(-2*x)", "cos(2*x)"),
        (.evenFunctionOfNegative, "Abs(0.54 - x)", "Abs(x - 0.54)"),
        (.evenFunctionOfNegative, "cos(x)", nil),
        (.evenFunctionOfNegative, "exp(-x)", nil),
        (.powerOfNegative, "(0.54 - x)^2", "(x - 0.54)**2"),
        (.powerOfNegative, "(1 - x)^3", "-(x - 1)**3"),
        (.powerOfNegative, "(x - 1)^2", nil),
        (.powerOfNegative, "(1 - x)^0.5", nil),
        (.powerOfEvenPower, "sqrt(x^2)", "Abs(x)"),
        (.powerOfEvenPower, "3*sqrt(4*x^2)", "6*Abs(x)"),
        (.powerOfEvenPower, "(x^2)^1.5", "Abs(x)**3"),
        (.powerOfEvenPower, "(exp(x)^2)^0.5", "exp(x)"),
        (.powerOfEvenPower, "sqrt(x^3)", nil),
        (.powerOfPower, "(exp(x)^3)^0.5", "exp(x)**1.5"),
        (.powerOfPower, "(x^2)^0.25", nil),
        (.powerOfProduct, "(2*exp(x)*Abs(y))^0.5", "1.4142135623730951*sqrt(Abs(y))*sqrt(exp(x))"),
        (.powerOfProduct, "(x*y)^0.5", nil),
        (.powerOfProduct, "(x^2*exp(y))^0.5", nil),
        (.expOfLog, "exp(log(x))", "x"),
        (.expOfLog, "exp(2*log(x))", "x**2"),
        (.expOfLog, "exp(log(x) + 1)", nil),
        (.expOfLogSum, "exp(log(m) + 2*log(v) + 1)", "m*v**2*exp(1)"),
        (.expOfLogSum, "exp(0.5*log(x) + sin(y))", "sqrt(x)*exp(sin(y))"),
        (.expOfLogSum, "exp(x + sin(y))", nil),
        (.trigonometricShiftByPi, "sin(pi - x)", "-sin(-x)"),
        (.trigonometricShiftByPi, "cos(x + 2*pi)", "cos(x)"),
        (.trigonometricShiftByPi, "tan(x - pi)", "tan(x)"),
        (.trigonometricShiftByPi, "sin(x + pi/2)", nil),
        (.logOfExp, "log(exp(x + 1))", "x + 1"),
        (.logOfExp, "log(x)", nil),
        (.logOfPower, "log(exp(x)^3)", "3*log(exp(x))"),
        (.logOfPower, "log(x^2)", nil),
        (.absOfNonNegative, "Abs(x^2 + 1)", "x**2 + 1"),
        (.absOfNonNegative, "Abs(x)", nil),
        (.absOfNonNegative, "Abs(x^3)", nil),
        (.productOfExps, "2*exp(x)*exp(y)", "2*exp(x + y)"),
        (.productOfExps, "exp(x)*y", nil),
        (.expOfShiftedSum, "exp(x + 1)", "2.718281828459045*exp(x)"),
        (.expOfShiftedSum, "exp(x + y)", nil),
        (.pythagorean, "sin(x)^2 + cos(x)^2 + y", "y + 1"),
        (.pythagorean, "sin(x)^2 + cos(y)^2", nil),
        (.pythagorean, "2*sin(x)^2 + cos(x)^2", nil),
    ]

    @Test("rule table", arguments: 0..<cases.count)
    func rule(index: Int) throws {
        let (rule, input, output) = Self.cases[index]
        let result = rule.apply(to: try Expr(parsing: input))
        #expect(result?.description == output, "\(rule.name) on \(input)")
    }

    @Test("every standard rule has a positive and a negative case")
    func everyRuleCovered() {
        for rule in RewriteRule.standard {
            let rows = Self.cases.filter { $0.rule.name == rule.name }
            #expect(rows.contains { $0.output != nil }, "\(rule.name) lacks a positive case")
            #expect(rows.contains { $0.output == nil }, "\(rule.name) lacks a negative case")
        }
    }

    @Test("guards", arguments: [
        ("x^2 + 1", true, true), ("exp(x)", true, true), ("Abs(x)", true, false), ("x", false, false),
        ("sqrt(x)", true, false), ("x^3", false, false), ("-1", false, false), ("2*pi", true, true),
    ])
    func guards(text: String, nonNegative: Bool, positive: Bool) throws {
        let expr = try Expr(parsing: text)
        #expect(Guards.isNonNegative(expr) == nonNegative, "isNonNegative(\(text))")
        #expect(Guards.isPositive(expr) == positive, "isPositive(\(text))")
    }

    @Test("number guards, each with cases where it holds and where it does not", arguments: [
        // text, isNumber, isInteger, isEvenInteger, isNonIntegerNumber
        ("3", true, true, false, false), ("-4", true, true, true, false), ("0", true, true, true, false),
        ("0.5", true, false, false, true), ("-2.25", true, false, false, true),
        ("x", false, false, false, false), ("pi", false, false, false, false), ("2*x", false, false, false, false),
    ])
    func numberGuards(text: String, number: Bool, integer: Bool, even: Bool, nonInteger: Bool) throws {
        let expr = try Expr(parsing: text)
        #expect(Guards.isNumber(expr) == number, "isNumber(\(text))")
        #expect(Guards.isInteger(expr) == integer, "isInteger(\(text))")
        #expect(Guards.isEvenInteger(expr) == even, "isEvenInteger(\(text))")
        #expect(Guards.isNonIntegerNumber(expr) == nonInteger, "isNonIntegerNumber(\(text))")
    }

    @Test("exactly one of e and -e could extract a minus sign", arguments: ["x - 1", "1 - x", "-x - y + 1", "-2*x", "3"])
    func minusSign(text: String) throws {
        let expr = try Expr(parsing: text)
        #expect(Guards.couldExtractMinusSign(expr) != Guards.couldExtractMinusSign(expr.negated))
    }
}
