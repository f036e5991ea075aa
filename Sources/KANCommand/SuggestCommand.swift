import ArgumentParser
import Foundation
import KAN
import Symbolic

/// `kan suggest`: pykan's `suggest_symbolic` for one edge of a saved model.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Rank library functions for one edge by pykan's score and print the table.",
        discussion: "kan suggest model.json --edge 0,1,0 --topk 5")

    @Argument(help: "The saved model.")
    var model: String

    @Option(help: "The edge as LAYER,INPUT,OUTPUT.")
    var edge: String

    @Option(help: "How many candidates to print.")
    var topk = 5

    @Option(name: .customLong("lib-names"), help: "Use only these library functions, comma-separated.")
    var libNames: String?

    @Option(name: .customLong("weight-simple"), help: "Weight of simplicity against r2.")
    var weightSimple = 0.8

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingFailures {
            let parts = commaSeparated(edge).compactMap { Int($0) }
            guard parts.count == 3 else { throw CommandFailure("--edge: expected LAYER,INPUT,OUTPUT, got '\(edge)'") }
            let (checkpoint, _, dataset) = try data.savedModel(at: model)
            var library = try FunctionLibrary.standard()
            if let libNames { library = try library.subset(commaSeparated(libNames)) }
            let suggestions = try checkpoint.model.suggestSymbolic(layer: parts[0], input: parts[1], output: parts[2], library: library,
                                                                   samples: dataset.trainInputs, weightSimple: weightSimple, topK: topk)
            print(SymbolicSuggestion.table(suggestions), terminator: "")
        }
    }
}
