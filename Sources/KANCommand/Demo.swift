import ArgumentParser
import Distill
import Files
import Foundation
import KAN

/// `kan demo`: pykan's hellokan flow (`HellokanFlow`) on f = exp(sin(pi x1) + x2^2): train with sparsity
/// regularisation, prune, retrain, refine the grid, distill with a small library, and print the formula it finds.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Discover exp(sin(pi*x1) + x2^2) from samples and print the formula.")

    @Option(help: "Save the final model to this file.")
    var save: String?

    func run() throws {
        try reportingFailures {
            try checkOutputs([OutputPath(option: "--save", path: save, kind: .checkpoint)])
            let flow = try HellokanFlow()
            let outcome = try flow.run(stage: { stage, model in
                guard stage != .distilled else { return }
                print("\(stage.summary(of: model)): test RMSE \(String(format: "%.2e", try flow.testRMSE(of: model)))")
            }, report: { print($0) })
            let report = outcome.distillation
            print(report.formulasText(latex: true), terminator: "")
            print("network_test_rmse: \(report.networkTestRMSE)")
            print("test_rmse: \(report.formulaTestRMSE)")
            if let save { try Checkpoint(model: outcome.model, data: flow.source, dataset: flow.data).save(to: URL(fileURLWithPath: save)) }
        }
    }
}
