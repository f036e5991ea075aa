import Foundation
import Symbolic
import Testing

@Suite("Sum content moved out of products")
struct SumContentTests {
    @Test("c*(a*x + a) becomes (c*a)*(x + 1); a scaled sum under a root keeps its value; sums outside products stay",
          arguments: [("3*(2*x + 2)", "6*(x + 1)"), ("(2*x - 2)^-0.5", "2^-0.5*(x - 1)^-0.5"),
                      ("y*(0.5*x*cos(y) + 0.5)", "0.5*y*(x*cos(y) + 1)"), ("2*x + 2", "2*x + 2"),
                      ("(-4*x + 3)^-1", "0.25*(-x + 0.75)^-1")])
    func extraction(input: String, expected: String) throws {
        let result = try Expr(parsing: input).extractingSumContent()
        #expect(result == (try Expr(parsing: expected)), "\(result)")
        let before = try Expr(parsing: input).compiled(variables: ["x", "y"]), after = try result.compiled(variables: ["x", "y"])
        for point in [[1.7, 0.3], [2.5, 1.1], [1.2, 2.0]] {
            #expect(abs(try before(point) - (try after(point))) <= 1e-12 * max(1, abs(try before(point))))
        }
    }
}
