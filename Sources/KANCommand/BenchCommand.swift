import ArgumentParser
import Datasets
import Distill
import Files
import Foundation
import Plotting

/// `kan bench`: benchmarks of discovery.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure equation discovery on benchmark tables.",
                                                    subcommands: [FeynmanBenchCommand.self])
}

/// `kan bench feynman`: `FeynmanBenchmark` on an AI Feynman table, one line per equation and the rates.
struct FeynmanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feynman", abstract: "Run discovery on every equation of an AI Feynman table and report exact recovery (SRBench's rule).",
        discussion: """
            kan bench feynman --equations ../shared/data/feynman_dev.csv --noise 0.01 --time-limit 60 --output results.jsonl
            --shard I/N runs every N-th equation starting at the I-th (0-based), for a job array; the JSON lines of
            the shards concatenate into one file.
            """)

    @Option(help: "The table (AI Feynman format: Filename, Formula, v1_name, v1_low, v1_high, ...).") var equations: String
    @Option(parsing: .unconditional, help: "Gaussian noise on the target, as a multiple of its root mean square, up to 1 (SRBench: 0, 0.001, 0.01, 0.1).", transform: BenchOptions.noiseLevel) var noise = 0.0
    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds of search per equation.", transform: Checked.number(.within(0.01...1e7))) var timeLimit = 60.0
    @Option(parsing: .unconditional, help: "Points sampled per equation (25% held out for testing).", transform: Checked.whole(8...Int.max)) var points = 10_000
    @Option(parsing: .unconditional, help: "Run every N-th equation from the I-th, as I/N.") var shard = "0/1"
    @Option(help: "A units table (Variable,Units,m,s,kg,T,V, as ../shared/data/feynman_units.csv) with a row for every variable and output: each search runs on dimensionless groups.") var units: String?
    @Option(help: "Append one JSON line per equation to this file.") var output: String?
    @Option(help: "Draw recovery by the equations' number of variables to this file (.svg, .png or .pdf).") var plot: String?
    @Option(parsing: .unconditional, help: "Seed of the sampling and the search.", transform: Checked.seed) var seed: UInt64 = 0
    @Option(help: "Run only the equations with these names (Filename column), comma-separated.") var only: String?
    @Option(help: "Leave parts of the search out (an ablation): power-law, log-target, multiplication, snapping, decomposition; comma-separated.") var without: String?
    @Flag(help: "Print discovery's progress to standard error.") var verbose = false

    func run() throws {
        try reportingFailures {
            var benchmark = FeynmanBenchmark(library: try DiscoveryOptions.defaultLibrary())
            (benchmark.noise, benchmark.points, benchmark.timeLimit, benchmark.seed) = (noise, points, timeLimit, seed)
            benchmark.without = try BenchOptions.ablation(without)
            let mine = try BenchOptions.equations(of: FeynmanTable.load(path: equations), file: equations, only: only, shard: shard)
            for equation in mine {
                if let note = equation.note { FileHandle.standardError.write(Data("note: \(equations): line \(equation.line) (\(equation.name)): \(note)\n".utf8)) }
            }
            // Promises first: the output files, every equation's units and data are checked before the first search.
            if let output { try AppendedLines.checkTarget(output, option: "--output") }
            try checkOutputs([OutputPath(option: "--output", path: output, kind: .jsonLines), OutputPath(option: "--plot", path: plot, kind: .plot)],
                             inputs: [InputPath(option: "--equations", path: equations), InputPath(option: "--units", path: units)])
            benchmark.units = try units.map { (try UnitsTable.load(URL(fileURLWithPath: $0)), $0) }
            try BenchOptions.naming { try benchmark.check(mine, file: equations) }
            var results: [FeynmanResult] = []
            for equation in mine {
                let result = try BenchOptions.naming {
                    try benchmark.run(equation) { line in if verbose { FileHandle.standardError.write(Data("  \(equation.name): \(line)\n".utf8)) } }
                }
                results.append(result)
                FileHandle.standardError.write(Data("\(result.progressLine)\n".utf8))
                if let output { try AppendedLines.append(try JSONEncoder.line.encode(result), to: output, option: "--output", written: results.count - 1) }
            }
            print(FeynmanResult.table(results), terminator: "")
            print(FeynmanSummary(results)!.text(noise: noise), terminator: "")
            if let plot { try RecoveryPlotter.draw(RecoveryBar.tally(results.map { ($0.variables, $0.recovered) }), noise: noise, to: URL(fileURLWithPath: plot)) }
        }
    }
}
