import ArgumentParser
import Datasets
import Distill
import Foundation
import Symbolic

/// `kan bench`: benchmarks of discovery.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure equation discovery on benchmark tables.",
        subcommands: [FeynmanBenchCommand.self])
}

/// `kan bench feynman`: exact recovery on AI Feynman equations, decided by SRBench's rule.
struct FeynmanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feynman",
        abstract: "Run discovery on every equation of an AI Feynman table and report exact recovery (SRBench's rule).",
        discussion: """
            kan bench feynman --equations ../shared/data/feynman_dev.csv --noise 0.01 --time-limit 60 --output results.jsonl
            --shard I/N runs every N-th equation starting at the I-th (0-based), for a job array; the JSON lines of
            the shards concatenate into one file.
            """)

    @Option(help: "The table (AI Feynman format: Filename, Formula, v1_name, v1_low, v1_high, ...).")
    var equations: String

    @Option(parsing: .unconditional, help: "Gaussian noise on the target, as a multiple of its root mean square (SRBench: 0, 0.001, 0.01, 0.1).", transform: Checked.number(.nonNegative))
    var noise = 0.0

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds of search per equation.", transform: Checked.number(.within(0.01...1e7)))
    var timeLimit = 60.0

    @Option(parsing: .unconditional, help: "Points sampled per equation (25% held out for testing).", transform: Checked.whole(8...Int.max))
    var points = 10_000

    @Option(help: "Run every N-th equation from the I-th, as I/N.")
    var shard = "0/1"

    @Option(help: "Append one JSON line per equation to this file.")
    var output: String?

    @Option(help: "Seed of the sampling and the search.")
    var seed: UInt64 = 0

    @Option(help: "Run only the equations with these names (Filename column), comma-separated.")
    var only: String?

    @Option(help: "Leave parts of the search out (an ablation): power-law, log-target, multiplication, snapping, decomposition; comma-separated.")
    var without: String?

    @Flag(help: "Print discovery's progress to standard error.")
    var verbose = false

    func run() throws {
        try reportingFailures {
            let (index, count) = try parsedShard()
            var table = try FeynmanTable.load(URL(fileURLWithPath: equations))
            if let only {
                let names = try commaSeparated(only, option: "--only", unique: true)
                table = table.filter { names.contains($0.name) }
            }
            let mine = table.enumerated().filter { $0.offset % count == index }.map(\.element)
            let library = try DiscoveryOptions.defaultLibrary()
            let ablation = try Set((without.map { try commaSeparated($0, option: "--without", unique: true) } ?? []).map { name in
                guard let ingredient = DiscoveryIngredient(rawValue: name) else {
                    throw CommandFailure("--without: '\(name)' is not one of \(DiscoveryIngredient.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return ingredient
            })
            var results: [FeynmanResult] = []
            var rows = TextTable(header: ["equation", "recovered", "formula", "test_r2", "seconds"])
            for equation in mine {
                let result = try FeynmanResult.run(equation, noise: noise, points: points, timeLimit: timeLimit, seed: seed,
                                                   library: library, without: ablation, verbose: verbose)
                results.append(result)
                rows.append([result.equation, result.recovered ? "yes" : "no", result.formula ?? "-",
                             String(format: "%.6f", result.testR2 ?? .nan), String(format: "%.1f", result.seconds)])
                FileHandle.standardError.write(Data("\(result.equation): \(result.recovered ? "recovered" : "not recovered") \(result.formula ?? "-") (\(String(format: "%.1f", result.seconds)) s)\n".utf8))
                if let output { try appendLine(JSONEncoder.line.encode(result), to: output) }
            }
            print(rows.text, terminator: "")
            let recovered = results.filter(\.recovered).count
            let times = results.map(\.seconds).sorted()
            let median = times.isEmpty ? 0 : (times[(times.count - 1) / 2] + times[times.count / 2]) / 2
            print("recovered: \(recovered)/\(results.count) (\(String(format: "%.0f", 100 * Double(recovered) / Double(max(results.count, 1))))%) at noise \(noise)")
            print("median_seconds: \(String(format: "%.1f", median))")
        }
    }

    private func parsedShard() throws -> (Int, Int) {
        let parts = shard.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count > 0, (0..<count).contains(index) else {
            throw CommandFailure("--shard: expected I/N with 0 <= I < N, got '\(shard)'")
        }
        return (index, count)
    }

    private func appendLine(_ data: Data, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandFailure("cannot write \(path)") }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(data + Data("\n".utf8))
    }
}

/// One equation's line of the benchmark (and of its JSON lines output).
struct FeynmanResult: Codable {
    var equation: String
    var truth: String
    var formula: String?
    var recovered: Bool
    var method: String
    var testR2: Double?
    var testRMSE: Double?
    var complexity: Int?
    var seconds: Double
    var noise: Double
    var tried: Int

    enum CodingKeys: String, CodingKey {
        case equation, truth, formula, recovered, method, complexity, seconds, noise, tried
        case testR2 = "test_r2", testRMSE = "test_rmse"
    }

    static func run(_ equation: FeynmanEquation, noise: Double, points: Int, timeLimit: Double, seed: UInt64,
                    library: FunctionLibrary, without: Set<DiscoveryIngredient>, verbose: Bool) throws -> FeynmanResult {
        let dataset = try equation.dataset(points: points, noise: noise, seed: seed)
        var options = DiscoveryOptions(timeLimit: timeLimit, seed: seed, library: library)
        options.without = without
        let result = try Discoverer.discover(dataset, options: options) { line in
            if verbose { FileHandle.standardError.write(Data("  \(equation.name): \(line)\n".utf8)) }
        }
        // The formula's variables are the parser-safe spellings of the table's names.
        let truth = equation.truth.substituting(Dictionary(uniqueKeysWithValues: zip(equation.variables, result.variables).map {
            ($0, Expr.variable($1))
        }))
        let verdict = result.chosen.map { RecoveryCheck(variables: result.variables, ranges: equation.ranges, seed: seed).verdict(found: $0.formula, truth: truth) }
        return FeynmanResult(equation: equation.name, truth: equation.formula, formula: result.chosen.map { PlainTextPrinter().print($0.formula) },
                             recovered: verdict?.recovered ?? false, method: verdict?.method.rawValue ?? "nothing found",
                             testR2: result.chosen?.testR2, testRMSE: result.chosen?.testRMSE, complexity: result.chosen?.complexity,
                             seconds: result.seconds, noise: noise, tried: result.tried.count)
    }
}

extension JSONEncoder {
    /// One object per line, keys sorted.
    static var line: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
