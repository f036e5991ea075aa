import Benchmark
import Fitting
import Foundation
import Symbolic

/// `fit:` pykan's `fit_params` reference, one task per function: 101 points (and 1,001, an edge of a model trained
/// on 1,000 samples), x in [-1, 1] ([0.1, 2] for log and sqrt), y = 2 f(1.5 x + 0.3) - 0.7. Each task's setup prints
/// the fit's r2 and constants (a, b, c, d), which the README's table records.
func registerFitTasks() {
    for points in [101, 1001] {
        for name in ["x", "x^2", "x^3", "exp", "sin", "tanh", "log", "sqrt", "tan", "abs"] {
            registerFitTask(name, points: points)
        }
    }
}

private func registerFitTask(_ name: String, points: Int) {
    Benchmark("fit: \(name), \(points) points") { _, problem in
        blackHole(try AffineFitter().fit(problem.function, x: problem.x, y: problem.y))
    } setup: {
        let function = try FunctionLibrary.standard().function(named: name)
        let range: ClosedRange<Double> = name == "log" || name == "sqrt" ? 0.1...2 : -1...1
        let x = (0..<points).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(points - 1) }
        let y = try x.map { try 2 * function.definition.evaluate(at: ["x": 1.5 * $0 + 0.3]) - 0.7 }
        let fit = try AffineFitter().fit(function, x: x, y: y), k = fit.constants
        print(String(format: "fit %@, %d points: r2 %.15g, (a, b, c, d) = (%.6g, %.6g, %.6g, %.6g)", name, points, fit.r2, k.a, k.b, k.c, k.d))
        return (function: function, x: x, y: y)
    }
}
