import Symbolic
import Testing
import TestSupport

@Suite("Simplifier")
struct SimplifierTests {
    @Test("simplifies", arguments: [
        ("(0.54 - x)^2", "(x - 0.54)**2"),
        ("sin(-u) + sin(u)", "0"),
        ("cos(-x) - cos(x)", "0"),
        ("sqrt(x^2) - Abs(x)", "0"),
        ("(x + 1)^2 - x^2 - 2*x", "1"),
        ("(x + 1)^2", "(x + 1)**2"),
        ("exp(log(x + 2))", "x + 2"),
        ("log(exp(sin(x)))", "sin(x)"),
        ("exp(x)*exp(-x)", "1"),
        ("E**x*exp(-x)", "1"),
        ("sin(x)^2 + cos(x)^2", "1"),
        ("sin(pi - pi)", "0"),
    ])
    func simplifies(input: String, output: String) throws {
        #expect(try Expr(parsing: input).simplified().description == output)
    }

    @Test("reports why it stopped and which rules fired")
    func report() throws {
        let report = Simplifier().run(try Expr(parsing: "sin(-x) + (1 - x)^2"))
        #expect(report.stopReason == .saturated)
        #expect(report.appliedRules.contains("odd-function-of-negative"))
        #expect(report.appliedRules.contains("power-of-negative"))
        #expect(report.result.description == "(x - 1)**2 - sin(x)")
    }

    @Test("stops at the iteration limit when rules keep firing")
    func iterationLimit() throws {
        let grow = RewriteRule(name: "grow", summary: "x => sin(x)") { expr in
            if case .variable("x") = expr { return .apply(.sin, expr) }
            return nil
        }
        let runner = Simplifier(rules: [grow], iterationLimit: 5, tryExpansion: false)
        let report = runner.run(.variable("x"))
        #expect(report.stopReason == .iterationLimit)
        #expect(report.iterations == 5)
    }

    @Test("a custom cost decides what is simpler: expansion kept only when cheaper")
    func expansionByCost() throws {
        let expr = try Expr(parsing: "(x + 1)^3")
        #expect(expr.simplified() == expr)
        let preferExpanded = CostFunction { $0.nodeCount == 1 ? 0 : ($0.description.contains("(") ? 100 : 1) }
        #expect(Simplifier(cost: preferExpanded).simplify(expr).description == "x**3 + 3*x**2 + 3*x + 1")
    }

    @Test("the Feynman development formulas keep their value", arguments: [
        "exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)", "m_0/sqrt(1-v**2/c**2)", "(u+v)/(1+u*v/c**2)",
        "1/(1/d1+n/d2)", "I1+I2+2*sqrt(I1*I2)*cos(delta)", "sqrt(gamma*pr/rho)", "1+n*alpha/(1-(n*alpha/3))",
        "sin(E_n*t/(h/(2*pi)))**2", "2*U*(1-cos(k*d))", "beta*(1+alpha*cos(theta))", "arcsin(n*sin(theta2))",
    ])
    func feynman(text: String) throws {
        let expr = try Expr(parsing: text)
        let simplified = expr.simplified()
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            var point: [String: Double] = [:]
            for name in expr.variables { point[name] = Double.random(in: 0.1...0.9, using: &rng) }
            guard let value = try? expr.evaluate(at: point) else { continue }
            expectClose(try simplified.evaluate(at: point), value, tolerance: 1e-10, "\(text)")
        }
    }

    @Test("expansion stops short of a blow-up: a product of 8th powers of six-term sums keeps its powers, keeps its value")
    func boundedExpansion() throws {
        let expr = try Expr(parsing: "(a+b+c+d+e+f)^8*(a-b+c-d+e-f)^8*(a+2*b+3*c+4*d+5*e+6*f)^8")
        let expanded = expr.expanded()
        #expect(expanded.additiveParts.count <= 1_000, "\(expanded.additiveParts.count) terms")
        let simplified = expr.simplified()
        let point = ["a": 0.3, "b": 0.2, "c": 0.1, "d": 0.25, "e": 0.15, "f": 0.05]
        expectClose(try simplified.evaluate(at: point), try expr.evaluate(at: point), tolerance: 1e-10, "\(simplified)")
        // Below the limit, whole powers are still multiplied out.
        #expect(try Expr(parsing: "(x+1)^2*(y+1)").expanded().additiveParts.count == 6)
    }
}
