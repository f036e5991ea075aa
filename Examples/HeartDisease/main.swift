// The heart-disease comparison of pykan's seed notebook: a KAN [13,1] (grid 3, k 3, 40 LBFGS steps, output
// rounded to 0/1) against an MLP, then the KAN's formula in the patients' variable names.
// Run: swift run -c release heart-disease [PLOT_FOLDER]   (default Examples/plots)
import Datasets
import Distill
import Foundation
import KAN
import MLP
import Optimization
import Plotting
import Symbolic

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "Examples/plots")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

// A fixed, seeded 80/20 split of the 297 complete rows; the split is written down below.
let (data, report) = try CSVLoader.load(here.appendingPathComponent("heart.csv"), options: CSVOptions(target: "target", seed: 0))
print("rows skipped for missing fields:", report.skippedRows)
print("test rows (1-based data rows):", report.testRows.sorted())

var kan = try KANModel(width: [13, 1], grid: 3, k: 3, seed: 0)
let history = try kan.fit(data, options: FitOptions(steps: 40))
let kanEntry = Metrics.entry(name: "KAN [13,1]", parameters: kan.parameterCount, seconds: history.seconds,
                             train: try kan(data.trainInputs), test: try kan(data.testInputs), data: data)
var mlp = try MLPModel(widths: [13, 16, 2], activation: .relu, seed: 0)
let (_, mlpSeconds) = try mlp.train(data, options: MLPTrainingOptions(epochs: 100, batchSize: 32, learningRate: 1e-3))
let mlpEntry = Metrics.entry(name: "MLP [13,16,2]", parameters: mlp.parameterCount, seconds: mlpSeconds,
                             train: try mlp(data.trainInputs), test: try mlp(data.testInputs), data: data)
for entry in [kanEntry, mlpEntry] {
    print(String(format: "%@: %d parameters, train accuracy %.4f, test accuracy %.4f, %.2f s", entry.name, entry.parameters,
                 entry.trainAccuracy!, entry.testAccuracy!, entry.trainSeconds))
}
try NetworkPlotter.draw(kan, samples: data.trainInputs, to: folder.appendingPathComponent("heart.svg"),
                        options: NetworkPlotOptions(inputNames: data.inputNames, outputNames: ["target"], title: "heart disease, KAN [13,1]"))

let library = try FunctionLibrary.standard().subset(["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "tan", "abs"])
let distilled = try Distiller.distill(&kan, data: data, options: DistillOptions(library: library)) { print($0) }
print("formula:", distilled.formulas[0])
print(String(format: "test accuracy: network %.4f, formula %.4f", distilled.networkTestAccuracy!, distilled.formulaTestAccuracy!))
