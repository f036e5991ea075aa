import ArgumentParser
import Datasets
import Distill
import Files
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

    @Option(parsing: .unconditional, help: "Gaussian noise on the target, as a multiple of its root mean square, up to 1 (SRBench: 0, 0.001, 0.01, 0.1).", transform: FeynmanBenchCommand.noiseLevel)
    var noise = 0.0

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds of search per equation.", transform: Checked.number(.within(0.01...1e7)))
    var timeLimit = 60.0

    @Option(parsing: .unconditional, help: "Points sampled per equation (25% held out for testing).", transform: Checked.whole(8...Int.max))
    var points = 10_000

    @Option(help: "Run every N-th equation from the I-th, as I/N.")
    var shard = "0/1"

    @Option(help: "A units table (Variable,Units,m,s,kg,T,V, as ../shared/data/feynman_units.csv) with a row for every variable and output: each search runs on dimensionless groups.")
    var units: String?

    @Option(help: "Append one JSON line per equation to this file.")
    var output: String?

    @Option(parsing: .unconditional, help: "Seed of the sampling and the search.", transform: Checked.seed)
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
            let ablation = try parsedAblation()
            let table = try FeynmanTable.load(path: equations)
            let selected = try selection(from: table)
            let mine = selected.enumerated().filter { $0.offset % count == index }.map(\.element)
            guard !mine.isEmpty else {
                let equations = "\(selected.count) equation\(selected.count == 1 ? "" : "s")"
                let what = only == nil ? "the table's \(equations)" : "the \(equations) chosen by --only"
                throw CommandFailure("--shard \(shard) selects none of \(what) (shard I of N runs every N-th from the I-th): use N <= \(selected.count)")
            }
            for equation in mine {
                if let note = equation.note { FileHandle.standardError.write(Data("note: \(equations): line \(equation.line) (\(equation.name)): \(note)\n".utf8)) }
            }
            // Promises first: every equation's data and the output file are checked before the first search.
            try checkMemory(for: mine)
            if let output {
                try AppendedLines.checkTarget(output, option: "--output")
                try checkOutputs([OutputPath(option: "--output", path: output, kind: .jsonLines)],
                                 inputs: [InputPath(option: "--equations", path: equations), InputPath(option: "--units", path: units)])
            }
            let unitsTable = try units.map { try UnitsTable.load(URL(fileURLWithPath: $0)) }
            if let unitsTable, let units {
                for equation in mine {
                    do { _ = try unitsTable.dimensions(of: equation.variables + [equation.output], file: units) } catch {
                        throw CommandFailure("\(equations): line \(equation.line) (\(equation.name)): \(error)")
                    }
                }
            }
            for equation in mine { try checkData(of: equation) }
            let library = try DiscoveryOptions.defaultLibrary()
            var results: [FeynmanResult] = []
            var rows = TextTable(header: ["equation", "recovered", "formula", "test_r2", "seconds"])
            for equation in mine {
                let result = try FeynmanResult.run(equation, noise: noise, points: points, timeLimit: timeLimit, seed: seed,
                                                   library: library, without: ablation, units: unitsTable.map { ($0, units!) }, verbose: verbose)
                results.append(result)
                rows.append([result.equation, result.recovered ? "yes" : "no", result.formula ?? "-",
                             result.testR2.map { String(format: "%.6f", $0) } ?? "-", String(format: "%.1f", result.seconds)])
                FileHandle.standardError.write(Data("\(result.equation): \(result.recovered ? "recovered" : "not recovered") \(result.formula ?? "-") (\(String(format: "%.1f", result.seconds)) s)\n".utf8))
                if let output {
                    try AppendedLines.append(try JSONEncoder.line.encode(result), to: output, option: "--output",
                                             written: results.count - 1)
                }
            }
            print(rows.text, terminator: "")
            let recovered = results.filter(\.recovered).count
            let times = results.map(\.seconds).sorted()
            let median = (times[(times.count - 1) / 2] + times[times.count / 2]) / 2
            print("recovered: \(recovered)/\(results.count) (\(String(format: "%.0f", 100 * Double(recovered) / Double(results.count)))%) at noise \(noise)")
            print("median_seconds: \(String(format: "%.1f", median))")
            print("max_seconds: \(String(format: "%.1f", times.last!))")
        }
    }

    /// `--noise`: a finite multiple of the target's root mean square from 0 to 1. More would bury the law (at 1 the
    /// noise is as large as the signal) and, near 1e300, make the targets' squares overflow.
    @Sendable static func noiseLevel(_ text: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0, value <= 1 else {
            throw InvalidValue(description: "expected a finite number >= 0 and <= 1, the noise's standard deviation as a multiple of the target's root mean square (SRBench uses 0 to 0.1)")
        }
        return value
    }

    private func parsedShard() throws -> (Int, Int) {
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count > 0, (0..<count).contains(index) else {
            throw CommandFailure("--shard: expected I/N with 0 <= I < N, got '\(shard)'")
        }
        return (index, count)
    }

    private func parsedAblation() throws -> Set<DiscoveryIngredient> {
        try Set((without.map { try commaSeparated($0, option: "--without", unique: true) } ?? []).map { name in
            guard let ingredient = DiscoveryIngredient(rawValue: name) else {
                throw CommandFailure("--without: '\(name)' is not one of \(DiscoveryIngredient.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return ingredient
        })
    }

    /// The equations `--only` names, in the table's order; every name must be in the table.
    private func selection(from table: [FeynmanEquation]) throws -> [FeynmanEquation] {
        guard let only else { return table }
        let names = try commaSeparated(only, option: "--only", unique: true)
        let known = Set(table.map(\.name))
        let unknown = names.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            let shown = table.prefix(10).map(\.name).joined(separator: ", ")
            let available = table.count > 10 ? "\(shown), ... (\(table.count) in all)" : shown
            throw CommandFailure("--only: \(equations) has no equation named \(unknown.map { "'\($0.excerpt())'" }.joined(separator: ", ")); its equations are \(available)")
        }
        return table.filter { names.contains($0.name) }
    }

    /// Samples every equation's data once, so a formula undefined or overflowing on its ranges, or noise that
    /// makes the targets overflow, is an error before any search (naming the file, line and equation).
    private func checkData(of equation: FeynmanEquation) throws {
        do {
            _ = try equation.dataset(points: points, noise: noise, seed: seed)
        } catch {
            switch error {
            case .invalidData(_, let reason): throw CommandFailure("\(equations): line \(equation.line) (\(equation.name)): \(reason)")
            case .invalidOption(let name, let value, let reason): throw CommandFailure("--\(name) \(value): \(reason)")
            default: throw CommandFailure("\(equations): line \(equation.line) (\(equation.name)): \(error)")
            }
        }
    }

    /// Refuses `--points` whose data (inputs, targets, the split's copies and discovery's own, about four of
    /// each) would take more than half of this machine's memory.
    private func checkMemory(for equations: [FeynmanEquation]) throws {
        let widest = Double(equations.map(\.variables.count).max() ?? 1)
        let bytes = 4 * 8 * Double(points) * (widest + 1)
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        guard bytes > MemoryEstimate.allowedShare * memory else { return }
        throw CommandFailure("--points \(points): the data of an equation with \(Int(widest)) variables would need about \(MemoryEstimate.bytes(bytes)), more than \(Int(MemoryEstimate.allowedShare * 100))% of this machine's \(MemoryEstimate.bytes(memory)) of memory; lower --points")
    }
}

/// Lines appended to a file (`bench --output`): each result is added as soon as it exists, so the shards of a job
/// array, or the equations of a run that is stopped, leave what they finished. A file that cannot be appended to
/// is refused before any work (`checkTarget`), and a write that fails later is an error naming the file, never
/// ignored.
enum AppendedLines {
    /// Checks, without writing, that lines can be appended to `path`: an existing regular file with write
    /// permission for its owner (as `AtomicFile` requires for a save), or a new file in an existing folder that
    /// takes new files. Symbolic links are followed.
    static func checkTarget(_ path: String, option: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                throw CommandFailure("\(option) \(path): it is \(describe(kind)), not a file; give the path of a file to append results to")
            }
            guard info.st_mode & S_IWUSR != 0 else {
                throw CommandFailure("\(option) \(path): the file is read-only (chmod u+w to allow appending to it)")
            }
            guard access(path, W_OK) == 0 else { throw CommandFailure("\(option) \(path): cannot append to it: \(systemError())") }
            return
        }
        guard errno == ENOENT else { throw CommandFailure("\(option) \(path): cannot inspect it: \(systemError())") }
        var link = stat()
        if lstat(path, &link) == 0 {
            throw CommandFailure("\(option) \(path): it is a symbolic link to a file that does not exist; give the path of a file")
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0 else {
            throw CommandFailure("\(option) \(path): its folder \(folder) \(errno == ENOENT ? "does not exist" : "cannot be used: \(systemError())")")
        }
        guard folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw CommandFailure("\(option) \(path): \(folder) is not a folder")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw CommandFailure("\(option) \(path): cannot create a file in \(folder): \(systemError())")
        }
    }

    /// Appends `line` and a newline in one `write(2)` (`O_APPEND`: concurrent shards' lines do not interleave);
    /// `written` lines of this run are already in the file, for the message.
    static func append(_ line: Data, to path: String, option: String, written: Int) throws {
        let data = line + Data("\n".utf8)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path, option, written) }
        var error: Int32? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if close(descriptor) != 0, error == nil { error = errno }
        if let error {
            errno = error
            throw failure(path, option, written)
        }
    }

    private static func failure(_ path: String, _ option: String, _ written: Int) -> CommandFailure {
        CommandFailure("\(option) \(path): cannot append a result: \(systemError()) (\(written) line\(written == 1 ? "" : "s") of this run written before)")
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    private static func describe(_ kind: mode_t) -> String { FileKind.irregular(kind) ?? "not a regular file" }
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
    /// What the units did, with `--units`.
    var units: String?

    enum CodingKeys: String, CodingKey {
        case equation, truth, formula, recovered, method, complexity, seconds, noise, tried, units
        case testR2 = "test_r2", testRMSE = "test_rmse"
    }

    static func run(_ equation: FeynmanEquation, noise: Double, points: Int, timeLimit: Double, seed: UInt64,
                    library: FunctionLibrary, without: Set<DiscoveryIngredient>, units: (UnitsTable, String)?, verbose: Bool) throws -> FeynmanResult {
        let dataset = try equation.dataset(points: points, noise: noise, seed: seed)
        var options = DiscoveryOptions(timeLimit: timeLimit, seed: seed, library: library)
        options.without = without
        let progress: @Sendable (String) -> Void = { line in
            if verbose { FileHandle.standardError.write(Data("  \(equation.name): \(line)\n".utf8)) }
        }
        let (result, outcome) = try units.map { table, file in
            try Discoverer.discover(dataset, units: table, unitsFile: file, options: options, progress: progress)
        } ?? (Discoverer.discover(dataset, options: options, progress: progress), nil)
        let truth = try Self.truth(of: equation, in: result.variables)
        let verdict = result.chosen.map { RecoveryCheck(variables: result.variables, ranges: equation.ranges, seed: seed).verdict(found: $0.formula, truth: truth) }
        // JSON has no NaN or infinity (the encoder would refuse the line): a metric that is not finite is left out.
        return FeynmanResult(equation: equation.name, truth: equation.formula, formula: result.chosen.map { PlainTextPrinter().print($0.formula) },
                             recovered: verdict?.recovered ?? false, method: verdict?.method.rawValue ?? "nothing found",
                             testR2: result.chosen?.testR2.finite, testRMSE: result.chosen?.testRMSE.finite, complexity: result.chosen?.complexity,
                             seconds: result.seconds, noise: noise, tried: result.tried.count, units: outcome?.description)
    }

    /// The table's formula in discovery's variables (the parser-safe spellings of the table's names, in the same
    /// order); two names spelled alike are an error, not merged into one variable.
    static func truth(of equation: FeynmanEquation, in variables: [String]) throws -> Expr {
        guard variables.count == equation.variables.count else {
            throw CommandFailure("\(equation.name): discovery ran on \(variables.count) variables, the table lists \(equation.variables.count)")
        }
        var substitution: [String: Expr] = [:], nameOf: [String: String] = [:]
        for (name, variable) in zip(equation.variables, variables) {
            if let other = nameOf[variable] {
                throw CommandFailure("\(equation.name): the variables '\(other)' and '\(name)' are both written '\(variable)' in formulas; rename one")
            }
            nameOf[variable] = name
            substitution[name] = .variable(variable)
        }
        return equation.truth.substituting(substitution)
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

extension Double {
    /// The value if finite, else nil.
    fileprivate var finite: Double? { isFinite ? self : nil }
}
