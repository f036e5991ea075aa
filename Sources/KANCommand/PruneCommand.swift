import ArgumentParser
import Files
import Foundation
import KAN

/// `kan prune`: remove unimportant hidden nodes and edges of a saved model.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove hidden nodes and mask edges whose attribution scores are below the thresholds.",
        discussion: "kan prune model.json --node-th 1e-2 --edge-th 3e-2 --save pruned.json")

    @Argument(help: "The saved model.")
    var model: String

    @Option(name: .customLong("node-th"), parsing: .unconditional, help: "Hidden nodes scoring at most this are removed (default: 0.01).", transform: Checked.number(.nonNegative))
    var nodeThreshold = 1e-2

    @Option(name: .customLong("edge-th"), parsing: .unconditional, help: "Edges scoring at most this are masked (default: 0.03).", transform: Checked.number(.nonNegative))
    var edgeThreshold = 3e-2

    @OptionGroup var data: DataOptions

    @Option(help: "Save the pruned model to this file.")
    var save: String?

    func run() throws {
        try reportingFailures {
            let (checkpoint, source, dataset) = try data.savedModel(at: model, outputs: [OutputPath(option: "--save", path: save, kind: .checkpoint)])
            let pruned = try checkpoint.model.pruned(samples: dataset.trainInputs, nodeThreshold: nodeThreshold, edgeThreshold: edgeThreshold)
            print("width before: \(checkpoint.model.width.map(String.init).joined(separator: ","))")
            print("width after: \(pruned.width.map(String.init).joined(separator: ","))")
            print("live edges: \(pruned.liveEdgeCount)")
            try printErrors(of: pruned, on: dataset, source: source, loss: .mse)
            if let save { try Checkpoint(model: pruned, data: source, dataset: dataset).save(to: URL(fileURLWithPath: save)) }
        }
    }
}
