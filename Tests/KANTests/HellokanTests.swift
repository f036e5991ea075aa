import KAN
import Symbolic
import Testing

/// pykan's hellokan numbers: f = exp(sin(pi x1) + x2^2) on [-1, 1]^2, 1000 train and 1000 test points,
/// width [2, 5, 1], k = 3, seed 0.
@Suite("hellokan")
struct HellokanTests {
    static func dataset() throws -> Dataset {
        try Dataset(expression: try Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)
    }

    @Test("LBFGS 50 steps at grid 5 reaches test RMSE below 2e-2")
    func grid5() throws {
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        let history = try model.fit(try Self.dataset(), options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
        #expect(history.testLoss.last! < 2e-2, "test RMSE \(history.testLoss.last!)")
    }
}
