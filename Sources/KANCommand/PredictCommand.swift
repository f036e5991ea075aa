import ArgumentParser
import Distill
import Files
import Foundation

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
            With --stderr, a discovered formula's fitted constants' covariance gives each prediction's standard
            error (a second column, NAME_stderr).
            """)

    @Argument(help: "A checkpoint (kan train --save) or a discovery result (kan discover --save).")
    var source: String

    @Option(help: "A CSV file with a header row holding the inputs' columns.")
    var data: String

    @Option(help: "Write the predictions to this CSV file.")
    var output: String?

    @Flag(help: "Also write each prediction's standard error, propagated from the fitted constants' covariance (a discovery result only).")
    var stderr = false

    @Flag(name: .customLong("skip-invalid"), help: "Leave the prediction of a row that cannot be predicted empty, with a note, instead of failing.")
    var skipInvalid = false

    func run() throws {
        try reportingFailures {
            let predictor = try Predictor(file: source)
            try checkOutputs([OutputPath(option: "--output", path: output, kind: .predictions)],
                             inputs: [InputPath(option: "the saved model", path: source), InputPath(option: "--data", path: data)])
            let uncertainty = stderr ? try predictor.uncertainty(file: source) : nil
            let predictions = try predictor.predict(csv: data, uncertainty: uncertainty)
            if let failures = predictions.failures {
                guard skipInvalid else { throw CommandFailure("\(data): \(failures); correct them, or give --skip-invalid to leave their predictions empty") }
                note("\(data): \(failures); their predictions are left empty")
            }
            if let extrapolation = predictions.extrapolation { note("\(data): \(extrapolation)") }
            if let output { try AtomicFile.write(Data(predictions.csv.utf8), to: output) } else { print(predictions.csv, terminator: "") }
        }
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("note: \(text)\n".utf8))
    }
}
