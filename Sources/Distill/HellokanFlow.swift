import Datasets
import KAN
import Optimization
import Symbolic

/// pykan's hellokan flow, from samples of f(x1, x2) = exp(sin(pi x1) + x2^2) (1000 training and 1000 test points on
/// [-1, 1]^2, seed 0) to the formula: train a [2,5,1] KAN (grid 5, k 3, seed 0, lamb 0.001, 50 LBFGS steps), prune
/// it, retrain it (50 steps), refine it to grid 10 and retrain it (50 steps), then distill it with a library of ten
/// functions. `kan demo` prints its stages; the hellokan example draws them.
public struct HellokanFlow: Sendable {
    /// The moments of the flow a caller hears of, each with the model as it is then.
    public enum Stage: String, Sendable, CaseIterable {
        /// After the first training, with sparsity regularisation.
        case trained
        /// After pruning.
        case pruned
        /// After retraining the pruned model.
        case retrained
        /// After refining to grid 10 and retraining.
        case refined
        /// After distillation: every edge fixed to a library function.
        case distilled

        /// What the flow did up to this stage, in words, with `model` as it is then: `trained [2,5,1], grid 5, lamb
        /// 0.001`, `pruned to [2, 1, 1]`, `retrained`, `refined to grid 10 and retrained`, `distilled`.
        public func summary(of model: KANModel) -> String {
            switch self {
            case .trained: "trained [2,5,1], grid 5, lamb 0.001"
            case .pruned: "pruned to \(model.width)"
            case .retrained: "retrained"
            case .refined: "refined to grid 10 and retrained"
            case .distilled: "distilled"
            }
        }
    }

    /// What the flow produced.
    public struct Outcome: Sendable {
        /// The distilled model, its edges fixed to library functions.
        public var model: KANModel
        /// The first training's curves (losses and regulariser per step).
        public var training: FitHistory
        /// The formula and its errors next to the network's.
        public var distillation: DistillationReport
    }

    /// The formula sampled, as written.
    public static let formula = "exp(sin(pi*x1) + x2^2)"
    /// The library functions the edges may become.
    public static let libraryNames = ["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs"]

    /// The samples the flow trains and measures on.
    public let data: Dataset
    /// Where the samples come from, as a checkpoint records it.
    public let source: DataSource

    /// Samples the formula.
    public init() throws {
        data = try Dataset(expression: try Expr(parsing: Self.formula), trainCount: 1000, testCount: 1000, seed: 0)
        source = .formula(expression: Self.formula, variables: ["x1", "x2"], ranges: [-1...1], trainCount: 1000, testCount: 1000, seed: 0)
    }

    /// The root mean squared error of `model` on the test rows.
    public func testRMSE(of model: KANModel) throws -> Double {
        try model.loss(inputs: data.testInputs, targets: data.testLabels).squareRoot()
    }

    /// Runs the flow. `stage` hears each stage in order with the model as it is then (and may stop the flow by
    /// throwing); `report` hears each edge's choice while distilling (`fixing (0,0,0) with sin, r2=0.99999, c=2`).
    public func run(stage: (Stage, KANModel) throws -> Void, report: (String) -> Void = { _ in }) throws -> Outcome {
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        let training = try model.fit(data, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
        try stage(.trained, model)
        model = try model.pruned(samples: data.trainInputs)
        try stage(.pruned, model)
        try model.fit(data, options: FitOptions(steps: 50))
        try stage(.retrained, model)
        model = try model.refined(grid: 10, samples: data.trainInputs)
        try model.fit(data, options: FitOptions(steps: 50))
        try stage(.refined, model)
        let options = DistillOptions(library: try FunctionLibrary.standard().subset(Self.libraryNames))
        let distillation = try Distiller.distill(&model, data: data, options: options, report: report)
        try stage(.distilled, model)
        return Outcome(model: model, training: training, distillation: distillation)
    }
}
