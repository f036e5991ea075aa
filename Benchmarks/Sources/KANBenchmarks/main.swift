// Named benchmark tasks, compared with pykan 0.2.8's figures on the same kind of machine
// (../shared/reference/pykan-on-this-machine.md). Results are recorded in the README.
import Benchmark
import Datasets
import Fitting
import Foundation
import KAN
import Optimization
import Symbolic

/// pykan's hellokan data: f = exp(sin(pi x1) + x2^2), 1000 train and 1000 test points on [-1, 1]^2, seed 0.
let hellokan = try Dataset(expression: try Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)

benchmark("hellokan fit: [2,5,1] grid 5, 50 LBFGS steps, lamb 0.001") {
    var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
    try model.fit(hellokan, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
}

/// One forward and backward pass on random inputs in [-1, 1]. `fresh` alternates between two batches, so every
/// pass evaluates the first layer's basis anew; otherwise the same batch is reused, as in a training step's
/// line search, where the first layer's basis is computed once.
func passBenchmark(width: [Int], grid: Int, k: Int, batch: Int, lamb: Double, fresh: Bool) throws -> () throws -> Void {
    let model = try KANModel(width: width, grid: grid, k: k, seed: 0)
    var random = SeededRandom(seed: 1)
    func randomMatrix(_ columns: Int) -> Matrix {
        Matrix(rows: batch, columns: columns, values: (0..<batch * columns).map { _ in random.uniform(-1, 1) })
    }
    let batches = [randomMatrix(width[0]), randomMatrix(width[0])]
    let targets = randomMatrix(width.last!)
    let evaluator = GradientEvaluator(model)
    var call = 0
    return {
        call += 1
        _ = try evaluator.lossAndGradient(model, inputs: batches[fresh ? call % 2 : 0], targets: targets,
                                      regularization: Regularization(lamb: lamb))
    }
}

for (batch, lamb, fresh) in [(128, 0.0, true), (1024, 0.0, true), (1024, 0.01, true), (1024, 0.0, false)] {
    let pass = try passBenchmark(width: [784, 10, 1], grid: 10, k: 5, batch: batch, lamb: lamb, fresh: fresh)
    benchmark("pass: [784,10,1] grid 10 k 5, batch \(batch), lamb \(lamb)\(fresh ? "" : ", same batch")") { try pass() }
}
for (batch, lamb) in [(1024, 0.0), (1024, 0.01)] {
    let pass = try passBenchmark(width: [100, 100, 100], grid: 5, k: 3, batch: batch, lamb: lamb, fresh: true)
    benchmark("pass: [100,100,100] grid 5 k 3, batch \(batch), lamb \(lamb)") { try pass() }
}

/// pykan's fit_params reference: 101 points, x in [-1, 1] ([0.1, 2] for log and sqrt), y = 2 f(1.5 x + 0.3) - 0.7.
let library = try FunctionLibrary.standard()
var fitReports: [String] = []
for name in ["x", "x^2", "x^3", "exp", "sin", "tanh", "log", "sqrt", "tan", "abs"] {
    let function = try library.function(named: name)
    let range: ClosedRange<Double> = name == "log" || name == "sqrt" ? 0.1...2 : -1...1
    let x = (0...100).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 100 }
    let y = try x.map { try 2 * function.definition.evaluate(at: ["x": 1.5 * $0 + 0.3]) - 0.7 }
    let fit = try AffineFitter().fit(function, x: x, y: y)
    let k = fit.constants
    fitReports.append(String(format: "fit %@: r2 %.15g, (a, b, c, d) = (%.6g, %.6g, %.6g, %.6g)", name, fit.r2, k.a, k.b, k.c, k.d))
    benchmark("fit: \(name), 101 points") { _ = try AffineFitter().fit(function, x: x, y: y) }
}

Benchmark.main()
fitReports.forEach { print($0) }

var usage = rusage()
getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
print("peak RSS: \(usage.ru_maxrss / 1024) MiB")
