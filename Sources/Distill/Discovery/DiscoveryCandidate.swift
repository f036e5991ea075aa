import Symbolic

/// One formula found during discovery: its complexity (PySR's, the number of nodes of its tree, counting each
/// constant), its errors on the validation rows (which choose it) and the test rows (which report it), and
/// which part of the search produced it.
public struct DiscoveryCandidate: Sendable {
    public var formula: Expr
    public var complexity: Int
    public var validationMSE: Double
    public var testRMSE: Double
    public var testR2: Double
    /// E.g. `KAN [2,5,1] seed 0`, `power law (log space)`.
    public var origin: String
    /// Whether the validation error is at the floor of the targets' rounding noise (see `Discoverer.candidate`).
    public var isExact = false
    /// Whether every constant of the formula snapped to an exact value (`1/(4*pi)`, `3/2`), none merely rounded.
    public var constantsExact = false
    /// The values of the constants that did not snap, as the formula writes them: fitted constants, which the
    /// report gives with their standard errors.
    public var freeConstants: [Double] = []
    /// The free constants refitted on the training rows (`Discoverer.refitRows`), with their standard errors, in the order the printed
    /// formula shows them; set for the chosen formula only.
    public var constants: [FittedConstant] = []
    /// The covariance of `constants`, in their order (`constants.count` rows of as many values).
    public var constantCovariance: [[Double]] = []
    /// The variables assumed positive (as the data show them) to write the formula as it is (`sqrt(q^2)` as `q`);
    /// empty when no assumption was needed.
    public var assumedPositive: [String] = []

    public init(formula: Expr, validationMSE: Double, testRMSE: Double, testR2: Double, origin: String) {
        self.formula = formula
        complexity = Self.complexity(of: formula)
        self.validationMSE = validationMSE
        self.testRMSE = testRMSE
        self.testR2 = testR2
        self.origin = origin
    }

    /// Nodes of the tree, as PySR counts them: every variable, named constant, operator and function, plus one
    /// for each number (a coefficient, constant term or exponent other than 1).
    public static func complexity(of formula: Expr) -> Int {
        switch formula {
        case .constant, .named, .variable:
            return 1
        case .sum(let sum):
            let terms = sum.terms.reduce(0) { $0 + complexity(of: $1.expr) + ($1.coefficient == 1 ? 0 : ($1.coefficient == -1 ? 1 : 2)) }
            return terms + (sum.constant == 0 ? 0 : 1) + max(0, sum.terms.count + (sum.constant == 0 ? 0 : 1) - 1)
        case .product(let product):
            let factors = product.factors.reduce(0) { total, factor in
                total + complexity(of: factor.base) + (factor.exponent.isNumber(1) ? 0 : 1 + complexity(of: factor.exponent))
            }
            let coefficient = product.coefficient == 1 ? 0 : 1
            return factors + coefficient + max(0, product.factors.count + coefficient - 1)
        case .function(_, let argument):
            return 1 + complexity(of: argument)
        }
    }
}
