import Datasets
import Foundation
import Symbolic

/// A discovery result as `kan discover --json` prints it and `--save` writes it, and as `kan predict` reads it back:
/// the chosen formula in SymPy syntax with the data's column names, its errors on the test rows, the Pareto front
/// and what was tried.
public struct DiscoveryReport: Codable, Sendable, Equatable {
    /// One member of the Pareto front.
    public struct FrontMember: Codable, Sendable, Equatable {
        public var complexity: Int
        public var testRMSE: Double
        public var formula: String

        enum CodingKeys: String, CodingKey {
            case complexity, formula
            case testRMSE = "test_rmse"
        }
    }

    public var formula: String
    public var latex: String
    public var testR2: Double
    public var testRMSE: Double
    public var complexity: Int
    /// The data's input column names, in order, and the names the formula uses for them.
    public var inputs: [String]
    public var variables: [String]
    public var target: String
    public var paretoFront: [FrontMember]
    public var tried: [String]
    public var seconds: Double
    /// Each input's smallest and largest value in the data searched (in its own units), as `[low, high]`: where
    /// predictions interpolate. Nil in results saved before it was recorded.
    public var inputRanges: [ClosedRange<Double>]?
    /// What the data's units did (`F/(Ef*q) = f(theta)`, or why they were not used); nil without units.
    public var units: String?
    /// The variables the formula is written assuming positive, as the data show them (`sqrt(q^2)` printed as
    /// `q`); nil when no such assumption was used.
    public var assumedPositive: [String]?
    /// The formula's constants that did not snap to exact values, refitted with their standard errors, in the
    /// order it prints them; nil when all are exact, and for formulas found on standardised inputs.
    public var constants: [FittedConstant]?
    /// The covariance of `constants`, in their order: what `kan predict --stderr` propagates to a prediction.
    public var constantsCovariance: [[Double]]?
    /// How the rows were weighted (`1/sigma^2 of column 'dF'`); nil when every row counted alike.
    public var weights: String?

    enum CodingKeys: String, CodingKey {
        case formula, latex, complexity, inputs, variables, target, tried, seconds, units, weights
        case assumedPositive = "assumed_positive", constants, constantsCovariance = "constants_covariance"
        case testR2 = "test_r2", testRMSE = "test_rmse", paretoFront = "pareto_front", inputRanges = "input_ranges"
    }

    /// The report of `result`, found on `data`; nil when nothing was found. Formulas found on standardised inputs
    /// are written in the data's own units, so the report predicts from raw columns.
    public init?(_ result: DiscoveryResult, data: Dataset, units: UnitsOutcome? = nil) {
        guard let chosen = result.chosen else { return nil }
        let inUnits: (Expr) -> Expr = { formula in
            data.standardization.map { $0.inDataUnits(formula, variables: result.variables) } ?? formula
        }
        let printer = PlainTextPrinter()
        let chosenFormula = inUnits(chosen.formula)
        formula = printer.print(chosenFormula)
        latex = LaTeXPrinter().print(chosenFormula)
        testR2 = chosen.testR2
        testRMSE = chosen.testRMSE
        complexity = chosen.complexity
        inputs = data.inputNames
        variables = result.variables
        target = data.outputNames.first ?? "y"
        paretoFront = result.front.candidates.map {
            FrontMember(complexity: $0.complexity, testRMSE: $0.testRMSE, formula: printer.print(inUnits($0.formula)))
        }
        tried = result.tried
        seconds = result.seconds
        inputRanges = data.inputRanges
        self.units = units?.description
        assumedPositive = chosen.assumedPositive.isEmpty ? nil : chosen.assumedPositive
        constants = chosen.constants.isEmpty || data.standardization != nil ? nil : chosen.constants
        constantsCovariance = constants == nil || chosen.constantCovariance.isEmpty ? nil : chosen.constantCovariance
        weights = data.weights.map { weights in
            weights.kind == .sigma ? "1/sigma^2 of column '\(weights.column)' (measurement errors)"
                                   : "column '\(weights.column)' (relative weights)"
        }
    }

    /// The formula, parsed back; the report's variables are variables even where they spell a constant.
    public func expression() throws(ParseError) -> Expr { try ExpressionParser(variables: variables).parse(formula) }

    /// What makes a report (read from a file, perhaps edited by hand) unusable for predictions, or nil: one
    /// variable per input, no name twice, the target not among the inputs, the formula parsing and using only the
    /// report's variables, one range per input with low <= high.
    public func inconsistency() -> String? {
        guard inputs.count == variables.count else {
            return "'inputs' has \(inputs.count) names and 'variables' \(variables.count); expected one variable per input"
        }
        for (field, names) in [("inputs", inputs), ("variables", variables)] {
            var seen = Set<String>()
            if let repeated = names.first(where: { !seen.insert($0).inserted }) { return "'\(repeated.excerpt())' appears twice in '\(field)'" }
        }
        if inputs.contains(target) { return "the target '\(target.excerpt())' is also among 'inputs'; a column cannot predict itself" }
        let parsed: Expr
        do { parsed = try expression() } catch { return "its formula '\(formula.excerpt())' does not parse: \(error)" }
        if let unknown = parsed.variables.first(where: { !variables.contains($0) }) {
            return "its formula uses '\(unknown)', which is not among 'variables' (\(variables.joined(separator: ", ").excerpt(limit: 200)))"
        }
        if let ranges = inputRanges, ranges.count != inputs.count {
            return "'input_ranges' has \(ranges.count) ranges for \(inputs.count) inputs"
        }
        return nil
    }
}
