// pykan's hellokan flow as a program: discover f(x1, x2) = exp(sin(pi x1) + x2^2) from 1000 samples, and draw
// the network before pruning, after pruning, and after distillation.
// Run: swift run -c release hellokan [PLOT_FOLDER]   (default Examples/plots)
import Datasets
import Distill
import Foundation
import KAN
import Plotting
import Symbolic

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "Examples/plots")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let data = try Dataset(expression: try Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)
func testRMSE(_ model: KANModel) -> Double { (try? model.loss(inputs: data.testInputs, targets: data.testLabels).squareRoot()) ?? .nan }

var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
let history = try model.fit(data, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
try LossPlotter.draw(history, to: folder.appendingPathComponent("hellokan-loss.svg"), title: "hellokan, [2,5,1], lamb 0.001")
try NetworkPlotter.draw(model, samples: data.trainInputs, to: folder.appendingPathComponent("hellokan-trained.svg"),
                        options: NetworkPlotOptions(title: "trained [2,5,1]"))
print("trained: test RMSE", testRMSE(model))

model = try model.pruned(samples: data.trainInputs)
try NetworkPlotter.draw(model, samples: data.trainInputs, to: folder.appendingPathComponent("hellokan-pruned.svg"),
                        options: NetworkPlotOptions(title: "pruned to \(model.width)"))
print("pruned to", model.width, "test RMSE", testRMSE(model))
try model.fit(data, options: FitOptions(steps: 50))
model = try model.refined(grid: 10, samples: data.trainInputs)
try model.fit(data, options: FitOptions(steps: 50))
print("retrained on grid 10: test RMSE", testRMSE(model))

let library = try FunctionLibrary.standard().subset(["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs"])
let report = try Distiller.distill(&model, data: data, options: DistillOptions(library: library)) { print($0) }
try NetworkPlotter.draw(model, samples: data.trainInputs, to: folder.appendingPathComponent("hellokan-symbolic.svg"),
                        options: NetworkPlotOptions(title: "after auto_symbolic"))
print("formula:", report.formulas[0])
print("test_rmse:", report.formulaTestRMSE)
