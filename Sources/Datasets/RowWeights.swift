/// How much each row counts in a fit: the weights of the rows' squared errors, read from a column of measurement
/// errors (`--sigma`: weight 1/sigma^2, and the errors are known in absolute terms) or of relative weights
/// (`--weights`), as scipy's `curve_fit` and PySR take them.
public struct RowWeights: Sendable, Equatable {
    /// Where the weights came from.
    public enum Kind: String, Sendable {
        /// Each row's measurement error sigma, given in the target's units: weight 1/sigma^2.
        case sigma
        /// Relative weights: only their ratios matter.
        case weights
    }

    public var kind: Kind
    /// The column they were read from.
    public var column: String
    /// Per training row and per test row, the weight of its squared error.
    public var train: [Double]
    public var test: [Double]

    public init(kind: Kind, column: String, train: [Double], test: [Double]) {
        self.kind = kind
        self.column = column
        self.train = train
        self.test = test
    }

    /// True when the weights are 1/sigma^2 of known errors: a fit's covariance is then not rescaled by its residuals.
    public var absolute: Bool { kind == .sigma }
}
