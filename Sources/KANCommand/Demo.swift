import ArgumentParser
import Datasets
import Distill
import Files
import Foundation
import KAN
import Symbolic

/// `kan demo`: pykan's hellokan flow on f = exp(sin(pi x1) + x2^2): train with sparsity regularisation, prune,
/// retrain, refine the grid, distill with a small library, and print the formula it finds.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Discover exp(sin(pi*x1) + x2^2) from samples and print the formula.")

    @Option(help: "Save the final model to this file.")
    var save: String?

    static let library = ["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs"]

    func run() throws {
        try reportingFailures {
            try checkOutputs([OutputPath(option: "--save", path: save, kind: .checkpoint)])
            let data = try Dataset(expression: try Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)
            func error(_ model: KANModel) throws -> String {
                String(format: "%.2e", try model.loss(inputs: data.testInputs, targets: data.testLabels).squareRoot())
            }
            var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
            try model.fit(data, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
            print("trained [2,5,1], grid 5, lamb 0.001: test RMSE \(try error(model))")
            model = try model.pruned(samples: data.trainInputs)
            print("pruned to \(model.width): test RMSE \(try error(model))")
            try model.fit(data, options: FitOptions(steps: 50))
            print("retrained: test RMSE \(try error(model))")
            model = try model.refined(grid: 10, samples: data.trainInputs)
            try model.fit(data, options: FitOptions(steps: 50))
            print("refined to grid 10 and retrained: test RMSE \(try error(model))")
            let options = DistillOptions(library: try FunctionLibrary.standard().subset(Self.library))
            let report = try Distiller.distill(&model, data: data, options: options) { print($0) }
            for formula in report.formulas {
                print("formula: \(formula)")
                print("latex: \(LaTeXPrinter().print(formula))")
            }
            print("network_test_rmse: \(report.networkTestRMSE)")
            print("test_rmse: \(report.formulaTestRMSE)")
            let source = DataSource.formula(expression: "exp(sin(pi*x1) + x2^2)", variables: ["x1", "x2"], ranges: [-1...1],
                                            trainCount: 1000, testCount: 1000, seed: 0)
            if let save { try Checkpoint(model: model, data: source, dataset: data).save(to: URL(fileURLWithPath: save)) }
        }
    }
}
