import Datasets
import KAN
import Optimization
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

extension HellokanTests {
    @Test("grid extension 5 -> 10 -> 20 (50 LBFGS steps each) keeps lowering test RMSE, below 1e-3 at grid 20")
    func gridExtension() throws {
        let data = try Self.dataset()
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        var errors: [Double] = []
        for grid in [5, 10, 20] {
            if grid != 5 { model = try model.refined(grid: grid, samples: data.trainInputs) }
            let history = try model.fit(data, options: FitOptions(steps: 50))
            errors.append(history.testLoss.last!)
        }
        print("grid extension test RMSE:", errors)
        #expect(errors[1] < errors[0] && errors[2] < errors[1], "\(errors)")
        #expect(errors[2] < 1e-3, "\(errors)")
    }

    @Test("refine keeps the function: the finer model computes what the coarse one did")
    func refineKeepsFunction() throws {
        let data = try Self.dataset()
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 10))
        let fine = try model.refined(grid: 20, samples: data.trainInputs)
        let before = try model(data.trainInputs), after = try fine(data.trainInputs)
        let difference = zip(before.values, after.values).map { abs($0 - $1) }.max()!
        let scale = before.values.map(abs).max()!
        #expect(difference < 1e-3 * scale, "max difference \(difference) on outputs up to \(scale)")
        #expect(fine.layers[0].gridSize == 20 && fine.layers[0].knots[0].count == 20 + 2 * 3 + 1)
    }

    @Test("the same seed gives the same bits; another seed does not")
    func determinism() throws {
        let data = try Self.dataset()
        func train(seed: UInt64) throws -> KANModel {
            var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: seed)
            try model.fit(data, options: FitOptions(steps: 5, regularization: Regularization(lamb: 0.001), batch: 500, seed: seed))
            return model
        }
        let a = try train(seed: 3), b = try train(seed: 3), c = try train(seed: 4)
        #expect(a == b)
        #expect(a.parameterVector() != c.parameterVector())
    }
}
