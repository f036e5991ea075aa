import Datasets
import Foundation
import Optimization
import Symbolic

extension Predictor {
    /// The predictions for the rows of the CSV file at `path`, its inputs read by column name in any order, with
    /// their standard errors when `uncertainty` is given.
    public func predict(csv path: String, uncertainty: FormulaUncertainty? = nil) throws(DatasetError) -> Predictions {
        let rows = try CSVColumns.load(URL(fileURLWithPath: path), columns: inputNames)
        var predictions = Predictions(outputName: outputName, rows: rows, values: predict(rows), extrapolation: extrapolationNote(rows))
        if let uncertainty {
            predictions.standardErrors = zip(rows, predictions.values).map { row, value in
                guard let values = try? row.values.get(), (try? value.get()) != nil else { return nil }
                return uncertainty.standardError(at: values)
            }
        }
        return predictions
    }

    /// One prediction per row, or why there is none (the row could not be read, or the result is undefined or not
    /// finite there).
    public func predict(_ rows: [CSVColumns.Row]) -> [Result<Double, CSVColumns.RowProblem>] {
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
    public func extrapolationNote(_ rows: [CSVColumns.Row]) -> String? {
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
