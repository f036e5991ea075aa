// The heart-disease comparison of pykan's seed notebook: a KAN [13,1] (grid 3, k 3, 40 LBFGS steps, output
// rounded to 0/1) against an MLP, then the KAN's formula in the patients' variable names.
// Run: swift run -c release heart-disease [PLOT_FOLDER]   (default Examples/plots)
import Comparison
import Datasets
import Distill
import Foundation
import KAN
import MLP
import Plotting
import Symbolic

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "Examples/plots")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

// A fixed, seeded 80/20 split of the 297 complete rows; the split is written down below.
let (data, report) = try CSVLoader.load(here.appendingPathComponent("heart.csv"), options: CSVOptions(target: "target", seed: 0))
print("rows skipped for missing fields:", report.skippedRows)
print("test rows (1-based data rows):", report.testRows.sorted())

let comparison = ModelComparison(kan: KANConfiguration(width: [13, 1], grid: 3, order: 3, seed: 0), kanFit: FitOptions(steps: 40),
                                 mlpWidths: [13, 16, 2], mlpTraining: MLPTrainingOptions(epochs: 100, batchSize: 32, learningRate: 1e-3))
var (entries, kan, _) = try comparison.run(on: data)
for entry in entries {
    print(String(format: "%@: %d parameters, train accuracy %.4f, test accuracy %.4f, %.2f s", entry.name, entry.parameters,
                 entry.trainAccuracy!, entry.testAccuracy!, entry.trainSeconds))
}
try NetworkPlotter.draw(kan, samples: data.trainInputs, to: folder.appendingPathComponent("heart.svg"),
                        options: NetworkPlotOptions(inputNames: data.inputNames, outputNames: ["target"], title: "heart disease, KAN [13,1]"))

let library = try FunctionLibrary.standard().subset(["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "tan", "abs"])
let distilled = try Distiller.distill(&kan, data: data, options: DistillOptions(library: library)) { print($0) }
print("formula:", distilled.formulas[0])
print(String(format: "test accuracy: network %.4f, formula %.4f", distilled.networkTestAccuracy!, distilled.formulaTestAccuracy!))
