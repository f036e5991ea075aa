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
    public init(fittedTo inputs: Matrix) {
        means = []
        scales = []
        for c in 0..<inputs.columns {
            let column = inputs.column(c)
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, column.count - 1))
            means.append(mean)
            scales.append(variance > 0 ? variance.squareRoot() : 1)
        }
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
            let values = raw.flatMap { $0.column(c) }
            return values.min()!...values.max()!
        }
    }
}
