// pykan's hellokan flow as a program (`HellokanFlow`): discover f(x1, x2) = exp(sin(pi x1) + x2^2) from 1000
// samples, and draw the network before pruning, after pruning, and after distillation.
// Run: swift run -c release hellokan [PLOT_FOLDER]   (default Examples/plots)
import Distill
import Foundation
import KAN
import Plotting

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "Examples/plots")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let flow = try HellokanFlow()

func draw(_ model: KANModel, file: String, title: String) throws {
    try NetworkPlotter.draw(model, samples: flow.data.trainInputs, to: folder.appendingPathComponent(file),
                            options: NetworkPlotOptions(title: title))
}

let outcome = try flow.run(stage: { stage, model in
    switch stage {
    case .trained:
        try draw(model, file: "hellokan-trained.svg", title: "trained [2,5,1]")
        print("trained: test RMSE", try flow.testRMSE(of: model))
    case .pruned:
        try draw(model, file: "hellokan-pruned.svg", title: "pruned to \(model.width)")
        print("pruned to", model.width, "test RMSE", try flow.testRMSE(of: model))
    case .retrained:
        break
    case .refined:
        print("retrained on grid 10: test RMSE", try flow.testRMSE(of: model))
    case .distilled:
        try draw(model, file: "hellokan-symbolic.svg", title: "after auto_symbolic")
    }
}, report: { print($0) })
try LossPlotter.draw(outcome.training, to: folder.appendingPathComponent("hellokan-loss.svg"), title: "hellokan, [2,5,1], lamb 0.001")
print("formula:", outcome.distillation.formulas[0])
print("test_rmse:", outcome.distillation.formulaTestRMSE)
