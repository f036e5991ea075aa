import Fitting
import Foundation
import Symbolic
import Testing
import TestSupport

@Suite("Formula fitter")
struct FormulaFitterTests {
    @Test("every free constant of a formula refits at once: 0.9*sin(2.1*x + 0.1)*y^1.2 + 0.05 comes back as 1.5*sin(2*x)*y^1.25 - 0.3")
    func refit() throws {
        let rows = (0..<300).map { i -> [Double] in [-1 + 2 * Double(i) / 299, 1 + Double((i * 37) % 300) / 150] }
        let targets = rows.map { 1.5 * sin(2 * $0[0]) * pow($0[1], 1.25) - 0.3 }
        let start = try Expr(parsing: "0.9*sin(2.1*x + 0.1)*y^1.2 + 0.05")
        let result = try FormulaFitter().fit(start, variables: ["x", "y"], rows: rows, targets: targets)
        #expect(result.rmse < 1e-10, "rmse \(result.rmse): \(result.formula)")
        // The phase comes back as 0 up to rounding.
        let values = result.formula.parametrized().values.filter { abs($0) > 1e-9 }.sorted()
        #expect(values.count == 4, "\(result.formula)")
        for (found, expected) in zip(values, [-0.3, 1.25, 1.5, 2]) { expectClose(found, expected, tolerance: 1e-8, "\(result.formula)") }
        // Whole and half exponents are structure, not constants.
        #expect(try Expr(parsing: "3*x^2 + y^0.5").parametrized().values == [3])
    }

    @Test("a formula without free constants comes back with its error; rows where it is undefined count as misses, not crashes")
    func noConstants() throws {
        let rows = [[1.0], [4.0], [9.0], [-1.0]], targets = [1.0, 2, 3, 0]
        let result = try FormulaFitter().fit(try Expr(parsing: "sqrt(x)"), variables: ["x"], rows: rows, targets: targets)
        #expect(result.formula == (try Expr(parsing: "sqrt(x)")))
        #expect(result.rmse > 1e4, "the undefined row is a large miss: \(result.rmse)")
    }
}
