import ArgumentParser

/// The `kan` command: train Kolmogorov-Arnold Networks and distill them into formulas.
@main
struct KANTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kan",
        abstract: "Turn data into formulas with Kolmogorov-Arnold Networks.",
        subcommands: [Demo.self, TrainCommand.self, RefineCommand.self, PruneCommand.self, SuggestCommand.self, DistillCommand.self, PlotCommand.self, CompareCommand.self, ExpressionCommand.self]
    )
}
