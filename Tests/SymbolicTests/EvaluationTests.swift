import Symbolic
import Testing
import TestSupport

@Suite("Evaluation")
struct EvaluationTests {
    @Test("values at a point")
    func values() throws {
        let expr = try Expr(parsing: "exp(sin(pi*x1) + x2^2)")
        expectClose(try expr.evaluate(at: ["x1": 0.5, "x2": 1]), 7.38905609893065)
        expectClose(try Expr(parsing: "sqrt(x) + Abs(y) + sign(y)").evaluate(at: ["x": 4, "y": -3]), 4)
        expectClose(try Expr(parsing: "atanh(0.5) + acos(0) + atan(1)").evaluate(at: [:]),
                    0.5493061443340549 + Double.pi / 2 + Double.pi / 4)
    }

    @Test("domain errors name the function and the value", arguments: [
        ("log(x)", -1.0, "log(-1.0)"),
        ("sqrt(x)", -4.0, "sqrt(-4.0)"),
        ("asin(x)", 2.0, "asin(2.0)"),
        ("atanh(x)", 1.0, "atanh(1.0)"),
        ("1/x", 0.0, "division by zero in 1/x"),
        ("x/(x - x)", 2.0, "division by zero in 1/0"),
        ("exp(x)", 1000.0, "exp(1000.0)"),
    ])
    func domainErrors(text: String, x: Double, fragment: String) throws {
        let expr = try Expr(parsing: text)
        do {
            let value = try expr.evaluate(at: ["x": x])
            Issue.record("\(text) at \(x) gave \(value)")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test("an unbound variable is named")
    func unbound() throws {
        #expect(throws: EvaluationError.unboundVariable("y")) { try Expr(parsing: "x + y").evaluate(at: ["x": 1]) }
    }

    @Test("columns: same values as point-wise evaluation, errors name the row")
    func columns() throws {
        let expr = try Expr(parsing: "x^1.5 + log(y)*sin(x)")
        let rows: [[Double]] = [[1, 2], [2, 3], [0.5, 0.25]]
        let values = try expr.evaluate(rows: rows, variables: ["x", "y"])
        for (row, value) in zip(rows, values) {
            expectClose(value, try expr.evaluate(at: ["x": row[0], "y": row[1]]))
        }
        #expect(throws: EvaluationError.atRow(1, .domain(function: "log", argument: -3, reason: "needs a positive argument"))) {
            try expr.evaluate(rows: [[1, 2], [2, -3]], variables: ["x", "y"])
        }
        #expect(throws: EvaluationError.wrongRowLength(row: 1, expected: 2, found: 1)) {
            try expr.evaluate(rows: [[1, 2], [2]], variables: ["x", "y"])
        }
    }
}

