import ArgumentParser
import Datasets
import Foundation
import KAN
import Symbolic

/// Where training data comes from: a formula (pykan's `create_dataset`) or a CSV file.
struct DataOptions: ParsableArguments {
    @Option(help: "A formula to sample, e.g. \"exp(sin(pi*x1)+x2^2)\".")
    var function: String?

    @Option(parsing: .unconditional, help: "The number of variables of --function (default: those the formula uses).", transform: Checked.whole(1...10_000))
    var vars: Int?

    @Option(parsing: .unconditional, help: "Sampling range of every variable of --function, as LOW,HIGH.")
    var ranges: String = "-1,1"

    @Option(name: .customLong("train-num"), parsing: .unconditional, help: "Training points sampled from --function.", transform: Checked.whole(1...Int.max))
    var trainNum = 1000

    @Option(name: .customLong("test-num"), parsing: .unconditional, help: "Test points sampled from --function.", transform: Checked.whole(1...Int.max))
    var testNum = 1000

    @Option(help: "A CSV file with a header row.")
    var data: String?

    @Option(help: "The label column of --data.")
    var target: String?

    @Option(help: "Input columns of --data, comma-separated (default: all but the target).")
    var inputs: String?

    @Option(name: .customLong("test-fraction"), parsing: .unconditional, help: "Share of --data rows held out for testing.", transform: Checked.number(.fraction))
    var testFraction = 0.2

    @Flag(help: "Standardise --data inputs with the training rows' mean and deviation.")
    var standardize = false

    @Option(name: .customLong("data-seed"), help: "Seed of the sampling (--function) or the train/test split (--data).")
    var dataSeed: UInt64 = 0

    /// True when the user named a data source.
    var isGiven: Bool { function != nil || data != nil }

    /// The saved model at `path`, its data source (the one these options name, else the one it recorded) and
    /// the data. A recorded file path that is relative (written before paths were stored absolute) is taken
    /// relative to the checkpoint's folder; recorded data whose fingerprint changed since the save is an error.
    func savedModel(at path: String) throws -> (checkpoint: Checkpoint, source: DataSource, dataset: Dataset) {
        let checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: path))
        if isGiven {
            let source = try self.source()
            let dataset = try source.loadReportingSkippedRows()
            try checkOutputs(of: checkpoint, path: path, on: dataset, source: source)
            return (checkpoint, source, dataset)
        }
        guard let recorded = checkpoint.data else {
            throw CommandFailure("\(path) does not record its data: give --function or --data")
        }
        let source = recorded.resolvingPaths(against: URL(fileURLWithPath: path).deletingLastPathComponent())
        let dataset = try source.loadReportingSkippedRows()
        if let saved = checkpoint.dataFingerprint, case let now = DataFingerprint(dataset), saved != now {
            throw CommandFailure("\(path) was saved with other data than \(source.summary) holds now (then: \(saved); now: \(now)): give --data or --function to use the data as they are")
        }
        try checkOutputs(of: checkpoint, path: path, on: dataset, source: source)
        return (checkpoint, source, dataset)
    }

    /// A loaded model whose output on its data is not finite is an error naming the cause (`FiniteResults`); one
    /// whose inputs do not match the data is left to the command, which says so.
    private func checkOutputs(of checkpoint: Checkpoint, path: String, on dataset: Dataset, source: DataSource) throws {
        guard checkpoint.model.inputCount == dataset.trainInputs.columns else { return }
        try FiniteResults.checkOutputs(of: checkpoint.model, on: dataset, source: source, checkpoint: path)
    }

    /// The data source the options describe.
    func source() throws -> DataSource {
        switch (function, data) {
        case (let text?, nil):
            let expression = try parseExpression(text)
            var variables = expression.variables
            if let count = vars {
                guard count >= variables.count else {
                    throw CommandFailure("--vars \(count), but the formula uses \(variables.count) variables (\(variables.joined(separator: ", ")))")
                }
                let natural = (1...max(count, 1)).map { "x\($0)" }
                if variables.allSatisfy({ natural.contains($0) }) { variables = natural }
            }
            let bounds = try commaSeparated(ranges, option: "--ranges").compactMap { Double($0) }
            guard bounds.count == 2, bounds.allSatisfy(\.isFinite), bounds[0] < bounds[1] else {
                throw CommandFailure("--ranges: expected LOW,HIGH, finite numbers with LOW < HIGH, got '\(ranges)'")
            }
            return .formula(expression: text, variables: variables, ranges: [bounds[0]...bounds[1]],
                            trainCount: trainNum, testCount: testNum, seed: dataSeed)
        case (nil, let path?):
            guard let target else { throw CommandFailure("--data needs --target COLUMN") }
            let columns = try inputs.map { try commaSeparated($0, option: "--inputs", unique: true) }
            return .csv(path: URL(fileURLWithPath: path).standardizedFileURL.path, options: CSVOptions(target: target, inputs: columns, testFraction: testFraction,
                                                        seed: dataSeed, standardize: standardize))
        case (nil, nil):
            throw CommandFailure("give the data: --function FORMULA or --data FILE.csv --target COLUMN")
        case (.some, .some):
            throw CommandFailure("give either --function or --data, not both")
        }
    }
}

/// The comma-separated items of `option`'s value, trimmed: `"x, x^2"` gives `["x", "x^2"]`. An empty item (`2,,1`,
/// a trailing comma) is an error naming the option, and so is a repeated one when `unique`.
func commaSeparated(_ text: String, option: String, unique: Bool = false) throws -> [String] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    if let empty = items.firstIndex(of: "") {
        throw CommandFailure("\(option) '\(text)': item \(empty + 1) of \(items.count) is empty; expected items separated by single commas")
    }
    if unique {
        var seen = Set<String>()
        for item in items where !seen.insert(item).inserted {
            throw CommandFailure("\(option) '\(text)': '\(item)' is given twice; name each once")
        }
    }
    return items
}

/// A KAN width option such as `2,5,1` or `2,[0,1],1` with its `--mult-arity`, checked to start with the data's `inputs`.
func widthSpecification(_ text: String, arity: String, option: String, inputs: Int) throws -> WidthSpecification {
    let specification: WidthSpecification
    do { specification = try WidthSpecification(parsing: text, arity: arity) } catch { throw CommandFailure("\(option): \(error)") }
    guard specification.width.first == inputs else {
        throw CommandFailure("\(option) \(text) starts with \(specification.width.first ?? 0) inputs, the data has \(inputs)")
    }
    return specification
}

/// A layer-width option such as `13,16,2`, checked to start with the data's `inputs`.
func widths(_ text: String, option: String, inputs: Int) throws -> [Int] {
    let parts = try commaSeparated(text, option: option).map { Int($0) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
        throw CommandFailure("\(option): expected numbers like 2,5,1, got '\(text)'")
    }
    let values = parts.map { $0! }
    guard values.first == inputs else {
        throw CommandFailure("\(option) \(values.map(String.init).joined(separator: ",")) starts with \(values.first!) inputs, the data has \(inputs)")
    }
    return values
}

/// Parses a formula, turning a syntax error into a command failure.
func parseExpression(_ text: String) throws -> Expr {
    do { return try Expr(parsing: text) } catch { throw CommandFailure("cannot parse '\(text.excerpt())': \(error)") }
}

