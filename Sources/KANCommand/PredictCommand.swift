import ArgumentParser
import Datasets
import Distill
import Files
import Foundation
import KAN
import Optimization
import Symbolic

/// `kan predict`: a saved model, or the formula `kan discover --save` wrote, applied to new rows.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Apply a saved model or a discovered formula to the rows of a CSV file (inputs found by name).",
        discussion: """
            kan predict model.json --data new.csv --output predictions.csv
            kan predict result.json --data new.csv
            Writes one column, named as the target, one value per data row (to standard output without --output).
            Inputs are read by column name, in any order. A row that cannot be predicted (an empty or non-numeric
            field, a formula undefined there) is an error naming every such row; --skip-invalid leaves its
            prediction empty instead. Rows outside the range of the data the model was fitted on get a note.
            """)

    @Argument(help: "A checkpoint (kan train --save) or a discovery result (kan discover --save).")
    var source: String

    @Option(help: "A CSV file with a header row holding the inputs' columns.")
    var data: String

    @Option(help: "Write the predictions to this CSV file.")
    var output: String?

    @Flag(name: .customLong("skip-invalid"), help: "Leave the prediction of a row that cannot be predicted empty, with a note, instead of failing.")
    var skipInvalid = false

    func run() throws {
        try reportingFailures {
            let predictor = try Predictor(file: source)
            try checkOutputs([OutputPath(option: "--output", path: output, kind: .predictions)],
                             inputs: [InputPath(option: "the saved model", path: source), InputPath(option: "--data", path: data)])
            let rows = try CSVColumns.load(URL(fileURLWithPath: data), columns: predictor.inputNames)
            let predictions = predictor.predict(rows)
            let failed = zip(rows, predictions).compactMap { row, prediction -> (Int, String)? in
                guard case .failure(let problem) = prediction else { return nil }
                return (row.line, problem.description)
            }
            if !failed.isEmpty {
                let listed = failed.prefix(5).map { "line \($0.0): \($0.1)" }.joined(separator: "; ") + (failed.count > 5 ? "; ..." : "")
                let summary = "\(data): \(failed.count) of \(rows.count) data rows cannot be predicted (\(listed))"
                guard skipInvalid else { throw CommandFailure("\(summary); correct them, or give --skip-invalid to leave their predictions empty") }
                note("\(summary); their predictions are left empty")
            }
            if let extrapolated = predictor.extrapolationNote(rows) { note("\(data): \(extrapolated)") }
            let values = predictions.map { prediction in (try? prediction.get()).map { "\($0)" } ?? "" }
            let text = ([predictor.outputName] + values).joined(separator: "\n") + "\n"
            if let output { try AtomicFile.write(Data(text.utf8), to: output) } else { print(text, terminator: "") }
        }
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("note: \(text)\n".utf8))
    }
}

/// What `kan predict` applies: a discovered formula or a trained model, with the inputs it reads by name, the
/// name of what it predicts and the region of the data it was fitted on.
private struct Predictor {
    enum Kind {
        case formula(Expr, variables: [String])
        case model(KANModel, standardization: Standardization?)
    }

    var kind: Kind
    var inputNames: [String]
    var outputName: String
    var inputRanges: [ClosedRange<Double>]?

    /// Reads `file`: a checkpoint (it has `formatVersion`) or a discovery result (it has `formula`), each checked
    /// as that kind, so an error names what is wrong with the file as it is.
    init(file: String) throws {
        let bytes: Data
        do { bytes = try FileReader.data(at: file) } catch { throw CommandFailure("\(error)") }
        struct Kinds: Decodable { let formatVersion: Int?, formula: String? }
        let expected = "a checkpoint (kan train --save) or a discovery result (kan discover --save)"
        let kinds: Kinds
        do { kinds = try JSONDocument.decode(Kinds.self, from: bytes, expected: expected) } catch { throw CommandFailure("\(file): \(error)") }
        if kinds.formatVersion != nil {
            try self.init(checkpoint: Checkpoint.decode(bytes, file: file), file: file)
        } else if kinds.formula != nil {
            let report: DiscoveryReport
            do { report = try JSONDocument.decode(DiscoveryReport.self, from: bytes, expected: "a discovery result (kan discover --save)") } catch {
                throw CommandFailure("\(file): \(error)")
            }
            if let problem = report.inconsistency() { throw CommandFailure("\(file): \(problem)") }
            self.init(kind: .formula(try report.expression(), variables: report.variables), inputNames: report.inputs,
                      outputName: report.target, inputRanges: report.inputRanges)
        } else {
            throw CommandFailure("\(file): it is JSON, but not \(expected): it has neither 'formatVersion' nor 'formula'")
        }
    }

    private init(kind: Kind, inputNames: [String], outputName: String, inputRanges: [ClosedRange<Double>]?) {
        self.kind = kind
        self.inputNames = inputNames
        self.outputName = outputName
        self.inputRanges = inputRanges
    }

    /// A checkpoint's model with its saved names; a checkpoint saved before names were stored takes them (and its
    /// standardisation) from the data it records.
    private init(checkpoint: Checkpoint, file: String) throws {
        guard checkpoint.model.outputCount == 1 else {
            throw CommandFailure("\(file) has \(checkpoint.model.outputCount) outputs; predict writes models with one output")
        }
        if let names = checkpoint.inputNames {
            self.init(kind: .model(checkpoint.model, standardization: checkpoint.standardization), inputNames: names,
                      outputName: checkpoint.outputNames?.first ?? "prediction", inputRanges: checkpoint.inputRanges)
            return
        }
        guard let recorded = checkpoint.data else {
            throw CommandFailure("\(file) records neither its inputs' names nor its data, so its inputs cannot be found by name")
        }
        let training = try recorded.resolvingPaths(against: URL(fileURLWithPath: file).deletingLastPathComponent()).load()
        try FiniteResults.checkOutputs(of: checkpoint.model, on: training, source: recorded, checkpoint: file)
        self.init(kind: .model(checkpoint.model, standardization: training.standardization), inputNames: training.inputNames,
                  outputName: training.outputNames.first ?? "prediction", inputRanges: training.inputRanges)
    }

    /// One prediction per row, or why there is none (the row could not be read, or the result is undefined or not
    /// finite there).
    func predict(_ rows: [CSVColumns.Row]) -> [Result<Double, CSVColumns.RowProblem>] {
        let readable = rows.compactMap { try? $0.values.get() }
        var computed: [Result<Double, CSVColumns.RowProblem>] = []
        switch kind {
        case .formula(let formula, let variables):
            computed = readable.map { values in
                do {
                    let value = try formula.evaluate(rows: [values], variables: variables)[0]
                    return value.isFinite ? .success(value) : .failure(.init(description: "the formula's value is \(value), beyond a Double's range"))
                } catch {
                    return .failure(.init(description: "the formula is undefined there (\(error))"))
                }
            }
        case .model(let model, let standardization):
            if !readable.isEmpty {
                let inputs = Matrix(readable)
                let outputs = (try? model(standardization?.standardized(inputs) ?? inputs))?.values ?? []
                // An output too large to square is as unusable as infinity: a damaged parameter, named.
                let limit = Double.greatestFiniteMagnitude.squareRoot()
                let largest = model.largestParameter.map { "; its largest parameter is \($0.path) = \($0.value), where a trained model's are near 1: retrain it, or correct that value" } ?? ""
                computed = readable.indices.map { index in
                    guard index < outputs.count, abs(outputs[index]) <= limit else {
                        let value = index < outputs.count ? "\(outputs[index])" : "not computed"
                        return .failure(.init(description: "the model's output is \(value), too large to square\(largest)"))
                    }
                    return .success(outputs[index])
                }
            }
        }
        var next = computed.makeIterator()
        return rows.map { row in
            switch row.values {
            case .failure(let problem): return .failure(problem)
            case .success: return next.next()!
            }
        }
    }

    /// `3 of 100 data rows lie outside ...`: the rows with an input beyond the range of the data fitted on, whose
    /// predictions extrapolate; nil when every row is inside (or the ranges are unknown).
    func extrapolationNote(_ rows: [CSVColumns.Row]) -> String? {
        guard let ranges = inputRanges else { return nil }
        var outside: [Int] = []
        var reach = [ClosedRange<Double>?](repeating: nil, count: ranges.count)
        for row in rows {
            guard let values = try? row.values.get() else { continue }
            var beyond = false
            for (column, value) in values.enumerated() where !ranges[column].contains(value) {
                beyond = true
                reach[column] = reach[column].map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
            }
            if beyond { outside.append(row.line) }
        }
        guard !outside.isEmpty else { return nil }
        let columns = ranges.indices.compactMap { column in
            reach[column].map { "'\(inputNames[column].excerpt())' \($0.lowerBound.formatted)...\($0.upperBound.formatted) against \(ranges[column].lowerBound.formatted)...\(ranges[column].upperBound.formatted)" }
        }
        return "\(outside.count) of \(rows.count) data rows lie outside the range of the data it was fitted on, so their predictions extrapolate (lines \(CSVLoadReport.list(outside)); \(columns.prefix(5).joined(separator: ", ")))"
    }
}
