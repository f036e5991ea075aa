import Optimization
import Symbolic

/// The shift and scale applied to each input column: `standardized = (raw - mean) / scale`. Whatever is learned on
/// standardised inputs is reported in the data's own units (`inDataUnits`), so a saved formula or model predicts
/// from raw columns.
public struct Standardization: Codable, Sendable, Equatable {
    public var means: [Double]
    public var scales: [Double]

    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// The mean and (sample) standard deviation of each column of `inputs`; a constant column keeps scale 1.
    /// Where the sums overflow (values of 1e300, whose squares do), both are computed on the column divided by its
    /// largest magnitude: the deviation was infinite, every standardised value 0 and their raw values NaN.
    public init(fittedTo inputs: Matrix) {
        means = []
        scales = []
        for c in 0..<inputs.columns {
            let (mean, deviation) = Self.meanAndDeviation(inputs.column(c))
            means.append(mean)
            scales.append(deviation > 0 ? deviation : 1)
        }
    }

    /// The mean and sample standard deviation of `column`, finite for any finite values.
    static func meanAndDeviation(_ column: [Double]) -> (mean: Double, deviation: Double) {
        func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, values.count - 1)))
        }
        let plain = moments(column)
        if plain.mean.isFinite, plain.variance.isFinite { return (plain.mean, plain.variance.squareRoot()) }
        let largest = column.reduce(0) { max($0, abs($1)) }
        let scaled = moments(column.map { $0 / largest })
        let deviation = scaled.variance.squareRoot() * largest
        // Past Double's range (values near 1.8e308 of both signs): the largest magnitude, a scale all the same.
        return (scaled.mean * largest, deviation.isFinite ? deviation : largest)
    }

    /// Raw inputs (one column per input) standardised.
    public func standardized(_ raw: Matrix) -> Matrix {
        var result = raw
        for r in 0..<raw.rows { for c in 0..<raw.columns { result[r, c] = (raw[r, c] - means[c]) / scales[c] } }
        return result
    }

    /// Standardised inputs back in the data's own units.
    public func raw(_ standardized: Matrix) -> Matrix {
        var result = standardized
        for r in 0..<standardized.rows { for c in 0..<standardized.columns { result[r, c] = standardized[r, c] * scales[c] + means[c] } }
        return result
    }

    /// `formula`, written in standardised inputs named `variables`, as a formula of the raw inputs: each variable
    /// `v` becomes `(v - mean) / scale`. Its values on raw rows equal the original's on standardised rows.
    public func inDataUnits(_ formula: Expr, variables: [String]) -> Expr {
        var bindings: [String: Expr] = [:]
        for (index, name) in variables.enumerated() {
            bindings[name] = (Expr.variable(name) - .constant(means[index])) / .constant(scales[index])
        }
        return formula.substituting(bindings).simplified()
    }
}

extension Dataset {
    /// The inputs' names as formula variables (`VariableNames`): distinct, parseable, never a constant's name.
    public var inputVariables: [String] { VariableNames.of(inputNames) }

    /// The smallest and largest value of each input over the training and test rows, in the data's own units: the
    /// region a model or formula was fitted on, beyond which its predictions extrapolate.
    public var inputRanges: [ClosedRange<Double>] {
        let raw = [trainInputs, testInputs].map { standardization?.raw($0) ?? $0 }
        return (0..<trainInputs.columns).map { c in
            // Finite values only: a NaN bound trapped building the range.
            let values = raw.flatMap { $0.column(c) }.filter(\.isFinite)
            return (values.min() ?? 0)...(values.max() ?? 0)
        }
    }
}
