import Symbolic
import Testing

@Suite("Printers")
struct PrinterTests {
    @Test("plain text is SymPy syntax", arguments: [
        ("x^-2", "1/x**2"),
        ("-x*y/z^2", "-x*y/z**2"),
        ("(x + 1)^0.5", "sqrt(x + 1)"),
        ("(x*y)^1.5", "(x*y)**1.5"),
        ("2^x", "2**x"),
        ("(-2)^x", "(-2)**x"),
        ("x^(y + 1)", "x**(y + 1)"),
        ("1 - x", "1 - x"),
        ("-(x + 1)^2", "-(x + 1)**2"),
        ("1e-5*x", "1e-05*x"),
    ])
    func plain(text: String, printed: String) throws {
        #expect(try Expr(parsing: text).description == printed)
    }

    @Test("LaTeX", arguments: [
        ("exp(sin(pi*x1) + x2^2)", "e^{x_{2}^{2} + \\sin{\\left(\\pi x_{1} \\right)}}"),
        ("x_1/(2*theta)", "\\frac{0.5 x_{1}}{\\theta}"),
        ("sqrt(omega_0)", "\\sqrt{\\omega_{0}}"),
        ("Abs(x) - log(y)", "\\left|{x}\\right| - \\log{\\left(y \\right)}"),
        ("sin(x)^2", "\\left(\\sin{\\left(x \\right)}\\right)^{2}"),
        ("1e-5*x", "1 \\cdot 10^{-5} x"),
        ("2*3^x", "2 \\cdot 3^{x}"),
    ])
    func latex(text: String, printed: String) throws {
        #expect(LaTeXPrinter().print(try Expr(parsing: text)) == printed)
    }

    @Test("Swift expression", arguments: [
        ("x^2 + 1", "pow(x, 2.0) + 1.0"),
        ("-x/y", "-x / y"),
        ("sign(x) * pi", "Double.pi * ((x) > 0 ? 1.0 : ((x) < 0 ? -1.0 : 0.0))"),
        ("Abs(x - 1)", "abs(x - 1.0)"),
    ])
    func swift(text: String, printed: String) throws {
        #expect(SwiftCodePrinter().print(try Expr(parsing: text)) == printed)
    }

    @Test("Swift function names: one the body calls or `_` gets a trailing _, and the name checker says why it would")
    func swiftFunctionNames() throws {
        for (name, printed) in [("sin", "func sin_("), ("_", "func __("), ("", "func __("), ("speed", "func speed(")] {
            let code = SwiftCodePrinter(settings: .init(functionName: name)).printFunction(try Expr(parsing: "sin(x)"), parameters: ["x"])
            #expect(code.contains(printed), "\(name): \(code)")
        }
        #expect(SwiftCodePrinter.functionNameProblem("speed") == nil)
        #expect(SwiftCodePrinter.functionNameProblem("sqrt")?.contains("calls the math function sqrt") == true)
        #expect(SwiftCodePrinter.functionNameProblem("2x")?.contains("expected a Swift name") == true)
        #expect(SwiftCodePrinter.functionNameProblem("return")?.contains("keyword") == true)
    }

    @Test("Swift function: parameters in the order asked, doc comment, keyword names quoted")
    func swiftFunction() throws {
        let printer = SwiftCodePrinter(settings: .init(functionName: "g", documentation: ["A test."]))
        let code = printer.printFunction(try Expr(parsing: "in + x2"), parameters: ["x2", "in"])
        #expect(code == """
            import Foundation

            /// A test.
            func g(_ x2: Double, _ `in`: Double) -> Double {
                return `in` + x2
            }

            """)
    }
}
