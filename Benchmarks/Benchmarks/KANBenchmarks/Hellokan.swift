import Datasets
import KAN
import Symbolic

/// pykan's hellokan problem, f = exp(sin(pi x1) + x2^2), and the steps `kan demo` takes on it.
enum Hellokan {
    /// The library `kan demo` distills with.
    static let demoLibrary = ["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs"]
    /// The library of the README's `kan distill` line and of issue 12's edge-fitting rows: the demo's and `tan`.
    static let distillLibrary = demoLibrary + ["tan"]

    /// 1000 train and 1000 test points on [-1, 1]^2, seed 0, as pykan's `create_dataset`.
    static func data() throws -> Dataset {
        try Dataset(expression: try Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)
    }

    /// `[2,5,1]` grid 5 k 3, 50 LBFGS steps with lamb 0.001: the hellokan fit.
    static func trained(on data: Dataset) throws -> KANModel {
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
        return model
    }

    /// The model `kan demo` distills: trained, pruned and retrained, refined to grid 10 and retrained (50 steps each).
    static func refined(on data: Dataset) throws -> KANModel {
        var model = try trained(on: data).pruned(samples: data.trainInputs)
        try model.fit(data, options: FitOptions(steps: 50))
        model = try model.refined(grid: 10, samples: data.trainInputs)
        try model.fit(data, options: FitOptions(steps: 50))
        return model
    }
}
