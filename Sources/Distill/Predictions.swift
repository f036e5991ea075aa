import Datasets

/// A `Predictor`'s results for the rows of a CSV file: one value per data row, or why the row has none, and notes
/// on the rows that could not be predicted or that extrapolate.
public struct Predictions {
    /// The header of the column written.
    public var outputName: String
    public var rows: [CSVColumns.Row]
    public var values: [Result<Double, CSVColumns.RowProblem>]
    /// `3 of 100 data rows lie outside the range ...`, or nil (`Predictor.extrapolationNote`).
    public var extrapolation: String?
    /// Per row, the prediction's standard error from the fitted constants (`FormulaUncertainty`), when asked for.
    public var standardErrors: [Double?]?

    /// `2 of 10 data rows cannot be predicted (line 3: ...; line 7: ...)`, the first five listed; nil when every row
    /// has a prediction.
    public var failures: String? {
        let failed = zip(rows, values).compactMap { row, value -> (Int, String)? in
            guard case .failure(let problem) = value else { return nil }
            return (row.line, problem.description)
        }
        guard !failed.isEmpty else { return nil }
        let listed = failed.prefix(5).map { "line \($0.0): \($0.1)" }.joined(separator: "; ") + (failed.count > 5 ? "; ..." : "")
        return "\(failed.count) of \(rows.count) data rows cannot be predicted (\(listed))"
    }

    /// The predictions as a CSV file: a column `outputName` (and `outputName_stderr` with standard errors), then one
    /// line per data row, empty where there is no prediction.
    public var csv: String {
        func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        let predicted = values.map { text(try? $0.get()) }
        guard let standardErrors else { return ([outputName] + predicted).joined(separator: "\n") + "\n" }
        let lines = zip(predicted, standardErrors).map { "\($0),\(text($1))" }
        return (["\(outputName),\(outputName)_stderr"] + lines).joined(separator: "\n") + "\n"
    }
}
