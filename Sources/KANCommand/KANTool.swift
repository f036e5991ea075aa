import ArgumentParser
import Foundation
import Symbolic

/// The `kan` command: train Kolmogorov-Arnold Networks and distill them into formulas.
@main
struct KANTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kan",
        abstract: "Turn data into formulas with Kolmogorov-Arnold Networks.",
        subcommands: [Demo.self, DiscoverCommand.self, PredictCommand.self, BenchCommand.self, TrainCommand.self, RefineCommand.self, PruneCommand.self, SuggestCommand.self, DistillCommand.self, PlotCommand.self, CompareCommand.self, ExpressionCommand.self]
    )

    /// As ArgumentParser's `main`, except that every error, a malformed command line included, ends with exit
    /// status 1 (ArgumentParser gives usage errors 64) and quotes long values as excerpts; help and version still
    /// exit 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error).shorteningLongRuns() + "\n").utf8))
            Foundation.exit(ExitCode.failure.rawValue)
        }
    }
}
