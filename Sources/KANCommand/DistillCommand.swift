import ArgumentParser
import Distill
import Files
import Foundation
import KAN
import Optimization
import Symbolic

/// `kan distill`: a saved model to formulas.
struct DistillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distill",
        abstract: "Fix every edge of a saved model to a library function and print the formula.",
        discussion: "kan distill model.json --lib-names x,x^2,x^3,x^4,exp,log,sqrt,tanh,sin,tan,abs --round 4 --latex")

    @Argument(help: "The saved model.")
    var model: String

    @OptionGroup var data: DataOptions

    @OptionGroup var library: LibraryOptions

    @Option(name: .customLong("weight-simple"), parsing: .unconditional, help: "Weight of simplicity against r2 in choosing functions (default: 0.8).", transform: Checked.number(.within(0...1)))
    var weightSimple = 0.8

    @Option(name: .customLong("r2-threshold"), parsing: .unconditional, help: "Keep edges whose best fit has a lower r2 as splines (default: 0).", transform: Checked.number(.atMost(1)))
    var r2Threshold = 0.0

    @Option(parsing: .unconditional, help: "Significant digits of the formula (default: 4).", transform: Checked.whole(1...15))
    var round = 4

    @Option(parsing: .unconditional, help: "LBFGS steps refining the fixed edges' constants (default: 50).", transform: Checked.whole(0...Int.max))
    var steps = 50

    @Flag(help: "Also print the formula as LaTeX.")
    var latex = false

    @Flag(help: "Also print the formula as a Swift source file.")
    var swift = false

    @Option(help: "Save the distilled model to this file.")
    var save: String?

    func run() throws {
        try reportingFailures {
            let (checkpoint, source, dataset) = try data.savedModel(at: model, outputs: [OutputPath(option: "--save", path: save, kind: .checkpoint)],
                                                                     inputs: library.inputPaths)
            var network = checkpoint.model
            let report = try Distiller.distill(&network, data: dataset, options: DistillOptions(
                library: try library.library(), weightSimple: weightSimple, r2Threshold: r2Threshold, retrainSteps: steps,
                significantDigits: round)) { print($0) }
            // Checked before anything else is printed: no formula goes out above an error.
            let networkRMSE = try FiniteResults.finite(report.networkTestRMSE, "network_test_rmse", of: "the model's error", on: source)
            let formulaRMSE = report.formulas.isEmpty ? nil
                : try FiniteResults.finite(report.formulaTestRMSE, "formula_test_rmse", of: "the formula's error", on: source)
            if !report.splineEdges.isEmpty {
                let edges = report.splineEdges.map(\.description).joined(separator: ", ")
                print("no formula: \(report.splineEdges.count) edge(s) stay splines, \(edges); their best fits have r2 below --r2-threshold \(r2Threshold)")
            }
            print(report.formulasText(latex: latex), terminator: "")
            if swift, !report.formulas.isEmpty {
                print(FormulaExport.swiftFile(formulas: report.formulas, variables: dataset.inputVariables,
                                              names: dataset.outputNames.map(ExpressionParser.variableName),
                                              testRMSE: report.formulaTestRMSE), terminator: "")
            }
            print("network_test_rmse: \(networkRMSE)")
            print("network_test_r2: \(report.networkTestR2)")
            if let formulaRMSE {
                print("formula_test_rmse: \(formulaRMSE)")
                print("formula_test_r2: \(report.formulaTestR2)")
            }
            if let network = report.networkTestAccuracy { print("network_test_accuracy: \(network)") }
            if let formula = report.formulaTestAccuracy { print("formula_test_accuracy: \(formula)") }
            if let save { try Checkpoint(model: network, data: source, dataset: dataset).save(to: URL(fileURLWithPath: save)) }
        }
    }
}
