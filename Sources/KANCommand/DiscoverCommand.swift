import ArgumentParser
import Datasets
import Distill
import Files
import Foundation
import Plotting
import Symbolic

/// `kan discover`: data in, a formula out.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Search for the formula behind the data: KANs, pruning, symbolic fitting and exact constants, automatically.",
        discussion: """
            kan discover --data measurements.csv --target F
            kan discover --function "m*g*z" --ranges 1,5 --time-limit 20 --json
            Prints formula:, latex:, test_r2:, test_rmse:, complexity: and the Pareto front (complexity, test RMSE,
            formula); progress goes to standard error.
            """)

    @OptionGroup var data: DataOptions

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds of search; no trial starts after them (default: 60).", transform: Checked.number(.within(0.01...1e7)))
    var timeLimit = 60.0

    @Option(parsing: .unconditional, help: "Seed of the search (splits, networks) (default: 0).", transform: Checked.seed)
    var seed: UInt64 = 0

    @OptionGroup var library: LibraryOptions

    @OptionGroup var weighting: WeightOptions

    @Option(help: "A units table (Variable,Units,m,s,kg,T,V as ../shared/data/feynman_units.csv) with a row for every input and the target: the search runs on dimensionless groups (Buckingham-Pi).")
    var units: String?

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Option(help: "Write the result (JSON) to this file, for `kan predict`.")
    var save: String?

    @Option(help: "Draw the Pareto front and the chosen formula's predictions on the test rows to this file (.svg, .png or .pdf).")
    var plot: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    func run() throws {
        try reportingFailures {
            guard data.isGiven else { throw CommandFailure("give the data: --data FILE.csv --target COLUMN, or --function FORMULA") }
            let (_, dataset) = try data.loadData(outputs: [OutputPath(option: "--save", path: save, kind: .discoveryResult),
                                                           OutputPath(option: "--plot", path: plot, kind: .plot)],
                                                 inputs: library.inputPaths + [InputPath(option: "--units", path: units)], weighting: weighting)
            if units != nil, data.standardize { throw CommandFailure("--units describe the data's own columns; leave out --standardize") }
            if let option = weighting.given, data.standardize {
                throw CommandFailure("\(option): the constants' errors are given in the data's own units; leave out --standardize")
            }
            let unitsTable = try units.map { (table: try UnitsTable.load(URL(fileURLWithPath: $0)), file: $0) }
            let chosenLibrary = library.lib == nil && library.libNames == nil ? try DiscoveryOptions.defaultLibrary() : try library.library()
            let quiet = self.quiet
            if !quiet {
                var notes = VariableNames.renamingNotes(columns: dataset.inputNames, variables: dataset.inputVariables)
                if dataset.standardization != nil {
                    notes.append("--standardize: the search runs on standardised inputs; formulas are written back in the data's own units")
                }
                for line in notes { FileHandle.standardError.write(Data("note: \(line)\n".utf8)) }
            }
            let options = DiscoveryOptions(timeLimit: timeLimit, seed: seed, library: chosenLibrary)
            let progress: @Sendable (String) -> Void = { line in
                if !quiet { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
            }
            let (result, outcome) = try Discoverer.discover(dataset, units: unitsTable, options: options, progress: progress)
            guard let report = DiscoveryReport(result, data: dataset, units: outcome) else {
                throw CommandFailure("no formula was found in \(String(format: "%.0f", timeLimit)) s; tried: \(result.tried.joined(separator: "; "))")
            }
            if let save { try AtomicFile.write(try JSONEncoder.pretty.encode(report), to: save) }
            if let plot { try DiscoveryPlotter.draw(DiscoveryFigure(result, report: report, data: dataset), to: URL(fileURLWithPath: plot)) }
            if json {
                print(String(decoding: try JSONEncoder.pretty.encode(report), as: UTF8.self))
                return
            }
            print(report.text, terminator: "")
        }
    }
}
