// pykan's Example 3, a deeper formula: f = exp((sin(pi (x1^2 + x2^2)) + sin(pi (x3^2 + x4^2))) / 2), learned by a
// [4,2,1,1] KAN (two hidden sums of squares, a sum of sines, an exp) and distilled.
// Run: swift run -c release deep-formula
import Datasets
import Distill
import Foundation
import KAN
import Optimization
import Symbolic

let truth = try Expr(parsing: "exp((sin(pi*(x1^2 + x2^2)) + sin(pi*(x3^2 + x4^2)))/2)")
let data = try Dataset(expression: truth, trainCount: 3000, testCount: 1000, seed: 0)
func testRMSE(_ model: KANModel) -> Double { (try? model.loss(inputs: data.testInputs, targets: data.testLabels).squareRoot()) ?? .nan }

// LBFGS alone stalls on a plateau of this landscape from this initialisation; a few hundred Adam steps first
// get it off (pykan's example likewise depends on its seed).
var model = try KANModel(width: [4, 2, 1, 1], grid: 3, k: 3, seed: 0)
try model.fit(data, options: FitOptions(optimizer: .adam, steps: 200, learningRate: 0.01))
try model.fit(data, options: FitOptions(steps: 50))
print("grid 3, Adam 200 steps then LBFGS 50: test RMSE", testRMSE(model))
for grid in [5, 10] {
    model = try model.refined(grid: grid, samples: data.trainInputs)
    try model.fit(data, options: FitOptions(steps: 50))
    print("grid \(grid): test RMSE", testRMSE(model))
}
model = try model.pruned(samples: data.trainInputs)
try model.fit(data, options: FitOptions(steps: 50))
print("pruned to \(model.width): test RMSE", testRMSE(model))
let library = try FunctionLibrary.standard().subset(["x", "x^2", "exp", "sin"])
let report = try Distiller.distill(&model, data: data, options: DistillOptions(library: library)) { print($0) }
print("formula:", report.formulas[0])
print("formula test RMSE:", report.formulaTestRMSE, "network test RMSE:", report.networkTestRMSE)
