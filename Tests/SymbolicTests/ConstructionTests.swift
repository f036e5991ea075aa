import Symbolic
import Testing

@Suite("Canonical construction")
struct ConstructionTests {
    @Test("identities and like terms fall out of construction", arguments: [
        ("x + 0", "x"),
        ("x*1", "x"),
        ("x^1", "x"),
        ("x^0", "1"),
        ("0*sin(x)", "0"),
        ("x + x + 2*x", "4*x"),
        ("x*x*x^2", "x**4"),
        ("x/x", "1"),
        ("2*(x + 1)", "2*(x + 1)"),
        ("x + 2*(x + 1)", "3*x + 2"),
        ("2*(x + 1)/x", "2*(x + 1)/x"),
        ("(2*x)^2", "4*x**2"),
        ("(x^2)^3", "x**6"),
        ("sqrt(x)^2", "x"),
        ("3 + 4*2 - 1", "10"),
        ("y + x", "x + y"),
        ("x10 + x2", "x2 + x10"),
        ("x + x^2 + x^3", "x**3 + x**2 + x"),
        ("exp(x)*exp(x)", "exp(x)**2"),
    ])
    func canonical(text: String, printed: String) throws {
        #expect(try Expr(parsing: text).description == printed)
    }

    @Test("equal values built differently are equal and hash alike")
    func structuralEquality() throws {
        let a = try Expr(parsing: "x*y + sin(z) - 3")
        let b = try Expr(parsing: "-3 + sin(z) + y*x")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(try Expr(parsing: "x + y") != Expr(parsing: "x - y"))
    }

    @Test("ordering is total and stable", arguments: ["x2 + x1 + sin(x1) + x1^2 + pi", "c*b*a + b*c + a"])
    func stableOrder(text: String) throws {
        let expr = try Expr(parsing: text)
        let shuffled = expr.children.shuffled()
        #expect(expr.replacingChildren(expr.children) == expr)
        if case .sum = expr {
            #expect(Expr.sum(shuffled) == Expr.sum(expr.children))
        }
    }

    @Test("variables are listed in natural order")
    func variables() throws {
        #expect(try Expr(parsing: "x10 + x2*theta + x1").variables == ["theta", "x1", "x2", "x10"])
    }

    @Test("substitution")
    func substitution() throws {
        let expr = try Expr(parsing: "x^2 + 1")
        #expect(expr.substituting(["x": try Expr(parsing: "2*y")]).description == "4*y**2 + 1")
    }
}
