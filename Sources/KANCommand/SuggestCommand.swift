import ArgumentParser
import Distill
import Foundation
import KAN
import Symbolic

extension EdgeID: ExpressibleByArgument {
    /// `LAYER,INPUT,OUTPUT`, e.g. `0,1,0`.
    public init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let layer = parts[0], let input = parts[1], let output = parts[2] else { return nil }
        self.init(layer: layer, input: input, output: output)
    }
}

/// `kan suggest`: pykan's `suggest_symbolic` for one edge of a saved model.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Rank library functions for one edge by pykan's score and print the table.",
        discussion: "kan suggest model.json --edge 0,1,0 --topk 5")

    @Argument(help: "The saved model.")
    var model: String

    @Option(parsing: .unconditional, help: "The edge as LAYER,INPUT,OUTPUT.")
    var edge: EdgeID

    @Option(parsing: .unconditional, help: "How many candidates to print (default: 5).", transform: Checked.whole(1...Int.max))
    var topk = 5

    @OptionGroup var library: LibraryOptions

    @Option(name: .customLong("weight-simple"), parsing: .unconditional, help: "Weight of simplicity against r2 (default: 0.8).", transform: Checked.number(.within(0...1)))
    var weightSimple = 0.8

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingFailures {
            let (checkpoint, _, dataset) = try data.savedModel(at: model)
            let suggestions = try checkpoint.model.suggestSymbolic(edge, library: try library.library(), samples: dataset.trainInputs,
                                                                   weightSimple: weightSimple, topK: topk)
            print(SymbolicSuggestion.table(suggestions), terminator: "")
        }
    }
}
