import ArgumentParser
import Datasets
import Files
import Foundation
import KAN
import Symbolic

/// Where training data comes from: a formula (pykan's `create_dataset`) or a CSV file.
struct DataOptions: ParsableArguments {
    @Option(help: "A formula to sample, e.g. \"exp(sin(pi*x1)+x2^2)\".")
    var function: String?

    @Option(parsing: .unconditional, help: "The number of variables of --function (default: those the formula uses).", transform: Checked.whole(1...10_000))
    var vars: Int?

    @Option(parsing: .unconditional, help: "Sampling range of every variable of --function, as LOW,HIGH (default: -1,1).")
    var ranges: String?

    @Option(name: .customLong("train-num"), parsing: .unconditional, help: "Training points sampled from --function (default: 1000).", transform: Checked.whole(1...Int.max))
    var trainNum: Int?

    @Option(name: .customLong("test-num"), parsing: .unconditional, help: "Test points sampled from --function (default: 1000).", transform: Checked.whole(1...Int.max))
    var testNum: Int?

    @Option(help: "A CSV file with a header row.")
    var data: String?

    @Option(help: "The label column of --data.")
    var target: String?

    @Option(help: "Input columns of --data, comma-separated (default: all but the target).")
    var inputs: String?

    @Option(name: .customLong("test-fraction"), parsing: .unconditional, help: "Share of --data rows held out for testing (default: 0.2).", transform: Checked.number(.fraction))
    var testFraction: Double?

    @Flag(help: "Standardise --data inputs with the training rows' mean and deviation.")
    var standardize = false

    @Option(name: .customLong("data-seed"), parsing: .unconditional, help: "Seed of the sampling (--function) or the train/test split (--data) (default: 0).", transform: Checked.seed)
    var dataSeed: UInt64?

    /// The options of sampling a formula that were given, as `--ranges`, `--vars` ...
    private var formulaOptionsGiven: [String] {
        [vars.map { _ in "--vars" }, ranges.map { _ in "--ranges" }, trainNum.map { _ in "--train-num" },
         testNum.map { _ in "--test-num" }].compactMap { $0 }
    }

    /// The options of reading a CSV file that were given, as `--target`, `--inputs` ...
    private var fileOptionsGiven: [String] {
        [target.map { _ in "--target" }, inputs.map { _ in "--inputs" }, testFraction.map { _ in "--test-fraction" },
         standardize ? "--standardize" : nil].compactMap { $0 }
    }

    /// The data options given besides --data and --function, as `--ranges`, `--data-seed` ...: those a source of
    /// another kind (a checkpoint's saved data, `--mnist`) would ignore.
    var givenWithoutSource: [String] {
        formulaOptionsGiven + fileOptionsGiven + (dataSeed == nil ? [] : ["--data-seed"])
    }

    /// Refuses options that the data source would ignore: `--target` with `--function`, `--ranges` with `--data`,
    /// either without a source of its own (`recorded` names the saved model's, whose options are saved with it).
    private func refuseIgnoredOptions(recorded: String? = nil) throws {
        func list(_ options: [String], _ singular: String, _ plural: String) -> String {
            options.joined(separator: ", ") + " " + (options.count == 1 ? singular : plural)
        }
        if function != nil, !fileOptionsGiven.isEmpty {
            throw CommandFailure("\(list(fileOptionsGiven, "applies", "apply")) to --data; --function samples its own variables: leave \(fileOptionsGiven.count == 1 ? "it" : "them") out")
        }
        if data != nil, !formulaOptionsGiven.isEmpty {
            throw CommandFailure("\(list(formulaOptionsGiven, "applies", "apply")) to --function; --data reads its rows from the file: leave \(formulaOptionsGiven.count == 1 ? "it" : "them") out")
        }
        if !isGiven, case let given = givenWithoutSource, !given.isEmpty {
            let source = recorded.map { "\($0) uses the data saved with it" } ?? "no --data or --function was given"
            throw CommandFailure("\(list(given, "describes", "describe")) --data or --function, but \(source): give the data with \(given.count == 1 ? "it" : "them"), or leave \(given.count == 1 ? "it" : "them") out")
        }
    }

    /// True when the user named a data source.
    var isGiven: Bool { function != nil || data != nil }

    /// The saved model at `path`, its data source (the one these options name, else the one it recorded) and
    /// the data, checked for the model (`Checkpoint.checkData`). `outputs` are checked after the checkpoint is read
    /// and before its data are: no output may replace the checkpoint (`--save` may, as
    /// `kan train --from m.json --save m.json` does) or the data.
    func savedModel(at path: String, option: String = "the saved model", outputs: [OutputPath] = [], inputs: [InputPath] = []) throws -> (checkpoint: Checkpoint, source: DataSource, dataset: Dataset) {
        let checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: path))
        try refuseIgnoredOptions(recorded: path)
        let source = try isGiven ? self.source() : checkpoint.recordedData(file: path)
        let saves = outputs.map { output in
            var output = output
            if output.option == "--save" { output.mayReplace.insert(option) }
            return output
        }
        try checkOutputs(saves, inputs: [InputPath(option: option, path: path)] + inputs + (source?.inputPaths ?? []))
        guard let source else { throw CommandFailure("\(path) does not record its data: give --function or --data") }
        let dataset: Dataset
        do { dataset = try source.loadReportingSkippedRows() } catch let error as DatasetError where !isGiven {
            throw CommandFailure("\(path): the data saved with the model cannot be loaded: \(error); give --function or --data")
        }
        do { try checkpoint.checkData(dataset, source: source, recorded: !isGiven, file: path) } catch let error as ChangedDataError {
            throw CommandFailure("\(error): give --data or --function to use the data as they are")
        }
        return (checkpoint, source, dataset)
    }

    /// The data these options name, after checking `outputs` against them (and `inputs`, other files the command
    /// reads) before anything is loaded.
    func loadData(outputs: [OutputPath] = [], inputs: [InputPath] = [], weighting: WeightOptions? = nil) throws -> (source: DataSource, dataset: Dataset) {
        let source = try self.source(weighting: weighting)
        try checkOutputs(outputs, inputs: inputs + source.inputPaths)
        return (source, try source.loadReportingSkippedRows())
    }

    /// The data source the options describe, its rows weighted by the column `weighting` names.
    func source(weighting: WeightOptions? = nil) throws -> DataSource {
        try refuseIgnoredOptions()
        if let option = weighting?.given, data == nil { throw CommandFailure("\(option) names a column of --data; --function samples exact values") }
        if weighting?.sigma != nil, weighting?.weights != nil { throw CommandFailure("give --sigma (measurement errors) or --weights, not both") }
        switch (function, data) {
        case (let text?, nil):
            let sampling = FormulaSampling(formula: text, variableCount: vars, range: ranges ?? "-1,1", trainCount: trainNum ?? 1000,
                                           testCount: testNum ?? 1000, seed: dataSeed ?? 0)
            do throws(FormulaSamplingError) { return try sampling.source() } catch {
                switch error {
                case .formula(let error): throw CommandFailure("cannot parse '\(text.excerpt())': \(error)")
                case .variables(let count, let used):
                    throw CommandFailure("--vars \(count), but the formula uses \(used.count) variables (\(used.joined(separator: ", ")))")
                // A list's error quotes the value after the option's name; the others follow a colon.
                case .range(.list(let error)): throw CommandFailure("--ranges \(error)")
                case .range(let error): throw CommandFailure("--ranges: \(error)")
                case .memory(let error): throw CommandFailure("--train-num, --test-num: \(error); sample fewer points")
                }
            }
        case (nil, let path?):
            guard let target else { throw CommandFailure("--data needs --target COLUMN") }
            let columns = try inputs.map { try commaSeparated($0, option: "--inputs", unique: true) }
            return .csv(path: URL(fileURLWithPath: path).standardizedFileURL.path, options: CSVOptions(target: target, inputs: columns, testFraction: testFraction ?? 0.2,
                                                        seed: dataSeed ?? 0, standardize: standardize, sigma: weighting?.sigma, weights: weighting?.weights))
        case (nil, nil):
            throw CommandFailure("give the data: --function FORMULA or --data FILE.csv --target COLUMN")
        case (.some, .some):
            throw CommandFailure("give either --function or --data, not both")
        }
    }
}

extension DataSource {
    /// The files and folders the source reads, for checking that no output replaces them.
    var inputPaths: [InputPath] {
        switch self {
        case .formula: return []
        case .csv(let path, _): return [InputPath(option: "--data", path: path)]
        case .idx(let folder, _): return [InputPath(option: "--mnist", path: folder)]
        }
    }
}

/// The comma-separated items of `option`'s value (`CommaList`): `"x, x^2"` gives `["x", "x^2"]`. An empty item, or a
/// repeated one when `unique`, is an error naming the option (`--ranges '-1,1,': item 3 of 3 is empty; ...`).
func commaSeparated(_ text: String, option: String, unique: Bool = false) throws -> [String] {
    do { return try CommaList.items(text, unique: unique) } catch { throw CommandFailure("\(option) \(error)") }
}

/// A KAN width option such as `2,5,1` or `2,[0,1],1` with its `--mult-arity`, checked to start with the data's `inputs`.
func widthSpecification(_ text: String, arity: String, option: String, inputs: Int) throws -> WidthSpecification {
    let specification: WidthSpecification
    do { specification = try WidthSpecification(parsing: text, arity: arity) } catch {
        if case .invalidHyperparameter(name: "mult_arity", _, _) = error { throw CommandFailure("--mult-arity: \(error)") }
        throw CommandFailure("\(option): \(error)")
    }
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
