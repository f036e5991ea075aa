import Datasets
import Symbolic

/// One equation's line of the Feynman benchmark (and of `kan bench feynman --output`'s JSON lines): the truth, the
/// chosen formula, whether it recovers the truth by SRBench's rule and how that was decided, its test errors and
/// the search's time.
public struct FeynmanResult: Codable, Sendable {
    public var equation: String
    public var truth: String
    /// How many input variables the equation has (its size, by which recovery is charted).
    public var variables: Int
    public var formula: String?
    public var recovered: Bool
    /// How recovery was decided (`symbolicDifference`, `symbolicRatio`, ...; `nothing found`).
    public var method: String
    public var testR2: Double?
    public var testRMSE: Double?
    public var complexity: Int?
    public var seconds: Double
    public var noise: Double
    public var tried: Int
    /// What the units did, with a units table.
    public var units: String?

    enum CodingKeys: String, CodingKey {
        case equation, truth, variables, formula, recovered, method, complexity, seconds, noise, tried, units
        case testR2 = "test_r2", testRMSE = "test_rmse"
    }

    /// The result of `discovery` (run on `equation`'s data, with `noise`), judged against the truth on the
    /// equation's ranges. JSON has no NaN or infinity (the encoder would refuse the line): a metric that is not
    /// finite is left out.
    init(_ equation: FeynmanEquation, discovery result: DiscoveryResult, units: UnitsOutcome?, noise: Double, seed: UInt64) throws(BenchmarkError) {
        let truth = try Self.truth(of: equation, in: result.variables)
        let verdict = result.chosen.map {
            RecoveryCheck(variables: result.variables, ranges: equation.ranges, seed: seed).verdict(found: $0.formula, truth: truth)
        }
        self.equation = equation.name
        self.truth = equation.formula
        variables = equation.variables.count
        formula = result.chosen.map { PlainTextPrinter().print($0.formula) }
        recovered = verdict?.recovered ?? false
        method = verdict?.method.rawValue ?? "nothing found"
        testR2 = result.chosen?.testR2.finite
        testRMSE = result.chosen?.testRMSE.finite
        complexity = result.chosen?.complexity
        seconds = result.seconds
        self.noise = noise
        tried = result.tried.count
        self.units = units?.description
    }

    /// The table's formula in discovery's variables (the parser-safe spellings of the table's names, in the same
    /// order); two names spelled alike are an error, not merged into one variable.
    static func truth(of equation: FeynmanEquation, in variables: [String]) throws(BenchmarkError) -> Expr {
        guard variables.count == equation.variables.count else {
            throw .equation(equation, reason: "discovery ran on \(variables.count) variables, the table lists \(equation.variables.count)")
        }
        var substitution: [String: Expr] = [:], nameOf: [String: String] = [:]
        for (name, variable) in zip(equation.variables, variables) {
            if let other = nameOf[variable] {
                throw .equation(equation, reason: "the variables '\(other)' and '\(name)' are both written '\(variable)' in formulas; rename one")
            }
            nameOf[variable] = name
            substitution[name] = .variable(variable)
        }
        return equation.truth.substituting(substitution)
    }
}

extension Double {
    /// The value if finite, else nil.
    fileprivate var finite: Double? { isFinite ? self : nil }
}
