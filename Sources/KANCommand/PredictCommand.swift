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
            Writes one column, named as the target, one value per row (to standard output without --output).
            """)

    @Argument(help: "A checkpoint (kan train --save) or a discovery result (kan discover --save).")
    var source: String

    @Option(help: "A CSV file with a header row holding the inputs' columns.")
    var data: String

    @Option(help: "Write the predictions to this CSV file.")
    var output: String?

    func run() throws {
        try reportingFailures {
            try checkOutputs(output)
            let bytes: Data
            do { bytes = try FileReader.data(at: source) } catch { throw CommandFailure("\(error)") }
            let (name, predictions): (String, [Double])
            if let report = try? JSONDecoder().decode(DiscoveryReport.self, from: bytes) {
                (name, predictions) = try predict(report)
            } else {
                (name, predictions) = try predictWithModel(Checkpoint.decode(bytes, file: source))
            }
            let text = ([name] + predictions.map { "\($0)" }).joined(separator: "\n") + "\n"
            if let output { try AtomicFile.write(Data(text.utf8), to: output) } else { print(text, terminator: "") }
        }
    }

    /// The discovered formula on the rows, its variables read from the columns of the same names.
    private func predict(_ report: DiscoveryReport) throws -> (String, [Double]) {
        let formula: Expr
        do { formula = try report.expression() } catch { throw CommandFailure("\(source): its formula '\(report.formula)' does not parse: \(error)") }
        let inputs = try CSVColumns.load(URL(fileURLWithPath: data), columns: report.inputs)
        let rows = (0..<inputs.rows).map { inputs.row($0) }
        var values: [Double] = []
        for (index, row) in rows.enumerated() {
            let value: Double
            do { value = try formula.evaluate(rows: [row], variables: report.variables)[0] } catch {
                throw CommandFailure("\(data), row \(index + 1): the formula is undefined there (\(error))")
            }
            guard value.isFinite else {
                throw CommandFailure("\(data), row \(index + 1): the formula's value is \(value), beyond a Double's range")
            }
            values.append(value)
        }
        return (report.target, values)
    }

    /// The checkpoint's outputs on the rows; its inputs' names (and any standardisation) come from the data it
    /// was trained on.
    private func predictWithModel(_ checkpoint: Checkpoint) throws -> (String, [Double]) {
        guard let recorded = checkpoint.data else {
            throw CommandFailure("\(source) does not record its data, so its inputs' names are unknown")
        }
        let training = try recorded.load()
        try FiniteResults.checkOutputs(of: checkpoint.model, on: training, source: recorded, checkpoint: source)
        var inputs = try CSVColumns.load(URL(fileURLWithPath: data), columns: training.inputNames)
        if let standardization = training.standardization {
            for row in 0..<inputs.rows {
                for column in 0..<inputs.columns {
                    inputs[row, column] = (inputs[row, column] - standardization.means[column]) / standardization.scales[column]
                }
            }
        }
        let outputs = try checkpoint.model(inputs)
        guard outputs.columns == 1 else {
            throw CommandFailure("\(source) has \(outputs.columns) outputs; predict writes models with one output")
        }
        if let row = outputs.values.firstIndex(where: { !$0.isFinite }) {
            let largest = checkpoint.model.largestParameter.map { "; its largest parameter is \($0.path) = \($0.value)" } ?? ""
            throw CommandFailure("\(data), row \(row + 1): the output of \(source) is \(outputs.values[row])\(largest), where a trained model's are near 1; retrain it, or correct that value")
        }
        return (training.outputNames.first ?? "prediction", outputs.values)
    }
}
