import Benchmark
import KAN
import Optimization

/// One forward and backward pass of loss + regulariser on random inputs in [-1, 1]. With `fresh`, iterations
/// alternate between two batches, so every pass evaluates the first layer's basis anew; otherwise the same batch
/// is reused, as in a training step's line search, where the first layer's basis is computed once.
struct PassWorkload {
    let model: KANModel
    let evaluator: GradientEvaluator
    let batches: [Matrix]
    let targets: Matrix
    let regularization: Regularization
    let fresh: Bool

    init(width: [Int], grid: Int, k: Int, batch: Int, lamb: Double, fresh: Bool) throws {
        model = try KANModel(width: width, grid: grid, k: k, seed: 0)
        var random = SeededRandom(seed: 1)
        func randomMatrix(_ columns: Int) -> Matrix {
            Matrix(rows: batch, columns: columns, values: (0..<batch * columns).map { _ in random.uniform(-1, 1) })
        }
        batches = [randomMatrix(width[0]), randomMatrix(width[0])]
        targets = randomMatrix(width.last!)
        evaluator = GradientEvaluator(model)
        regularization = Regularization(lamb: lamb)
        self.fresh = fresh
    }

    /// The pass of iteration `iteration`.
    func run(iteration: Int) throws {
        blackHole(try evaluator.lossAndGradient(model, inputs: batches[fresh ? iteration % 2 : 0], targets: targets,
                                                regularization: regularization))
    }
}

/// `pass:` the layer tasks: the README's passes, and the scaling table's (`[784,10,1]` from batch 256 to 16,384,
/// `[100,100,100]` and `[1000,100,10]` at batch 1024).
func registerPassTasks() {
    func register(_ width: [Int], grid: Int, k: Int, batch: Int, lamb: Double, fresh: Bool = true) {
        let shape = "[" + width.map(String.init).joined(separator: ",") + "]"
        Benchmark("pass: \(shape) grid \(grid) k \(k), batch \(batch), lamb \(lamb)\(fresh ? "" : ", same batch")") { benchmark, pass in
            try pass.run(iteration: benchmark.currentIteration)
        } setup: {
            try PassWorkload(width: width, grid: grid, k: k, batch: batch, lamb: lamb, fresh: fresh)
        }
    }
    for batch in [128, 256, 1024, 4096, 16384] {
        register([784, 10, 1], grid: 10, k: 5, batch: batch, lamb: 0)
    }
    register([784, 10, 1], grid: 10, k: 5, batch: 1024, lamb: 0.01)
    register([784, 10, 1], grid: 10, k: 5, batch: 1024, lamb: 0, fresh: false)
    register([100, 100, 100], grid: 5, k: 3, batch: 1024, lamb: 0)
    register([100, 100, 100], grid: 5, k: 3, batch: 1024, lamb: 0.01)
    register([1000, 100, 10], grid: 5, k: 3, batch: 1024, lamb: 0)
}
