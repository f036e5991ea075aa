import Symbolic
import Testing
import TestSupport

@Suite("Derivatives")
struct DerivativeTests {
    @Test("known derivatives", arguments: [
        ("x^3", "3*x**2"),
        ("sin(2*x)", "2*cos(2*x)"),
        ("exp(x^2)", "2*x*exp(x**2)"),
        ("log(x)", "1/x"),
        ("sqrt(x)", "0.5/sqrt(x)"),
        ("x*y", "y"),
        ("tanh(x)", "1 - tanh(x)**2"),
        ("Abs(x)", "sign(x)"),
        ("2^x", "0.6931471805599453*2**x"),
    ])
    func known(text: String, derivative: String) throws {
        #expect(try Expr(parsing: text).derivative(with: "x").simplified().description == derivative)
    }

    @Test("every elementary function's derivative matches finite differences", arguments: ElementaryFunction.allCases)
    func elementary(function: ElementaryFunction) throws {
        let expr = Expr.apply(function, try Expr(parsing: "0.7*x + 0.1"))
        let derivative = expr.derivative(with: "x")
        for x in stride(from: -0.9, through: 0.9, by: 0.3) where function != .sign {
            guard let numeric = centralDifference(at: x, { try? expr.evaluate(at: ["x": $0]) }) else { continue }
            expectClose(try derivative.evaluate(at: ["x": x]), numeric, tolerance: 1e-7, "\(function) at \(x)")
        }
    }
}
