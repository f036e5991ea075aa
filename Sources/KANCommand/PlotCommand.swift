import ArgumentParser
import Files
import Foundation
import KAN
import Plotting

/// `kan plot`: draw a saved model with its learned edge curves.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a saved model: nodes, and every live edge's learned curve (SVG, PNG or PDF).",
        discussion: "kan plot model.json -o net.svg --beta 3 --title hellokan")

    @Argument(help: "The saved model.")
    var model: String

    @Option(name: .shortAndLong, help: "The output file: .svg, .png or .pdf.")
    var output: String

    @Option(parsing: .unconditional, help: "Edge opacity is tanh(beta * score) (default: 3).", transform: Checked.number(.nonNegative))
    var beta = 3.0

    @Flag(name: .customLong("norm-alpha"), help: "Scale each layer's scores so its most important edge is opaque.")
    var normAlpha = false

    @Option(name: .customLong("in-vars"), help: "Input names, comma-separated (default: the data's).")
    var inVars: String?

    @Option(name: .customLong("out-vars"), help: "Output names, comma-separated.")
    var outVars: String?

    @Option(help: "A title above the network.")
    var title: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingFailures {
            let (checkpoint, _, dataset) = try data.savedModel(at: model, outputs: [OutputPath(option: "--output", path: output, kind: .plot)])
            let inputNames = try inVars.map { try commaSeparated($0, option: "--in-vars") } ?? (dataset.inputNames.count == checkpoint.model.inputCount ? dataset.inputNames : nil)
            if let names = inputNames, names.count != checkpoint.model.inputCount {
                throw CommandFailure("--in-vars has \(names.count) names for \(checkpoint.model.inputCount) inputs")
            }
            try NetworkPlotter.draw(checkpoint.model, samples: dataset.trainInputs, to: URL(fileURLWithPath: output),
                                    options: NetworkPlotOptions(beta: beta, normalizeOpacity: normAlpha, inputNames: inputNames,
                                                                outputNames: try outVars.map { try commaSeparated($0, option: "--out-vars") } ?? (dataset.outputNames.count == checkpoint.model.outputCount ? dataset.outputNames : nil),
                                                                title: title))
        }
    }
}
