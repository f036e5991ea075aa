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

    enum CodingKeys: String, CodingKey {
        case formula, latex, complexity, inputs, variables, target, tried, seconds
        case testR2 = "test_r2", testRMSE = "test_rmse", paretoFront = "pareto_front"
    }

    /// The report of `result` for data with these input and target names; nil when nothing was found.
    public init?(_ result: DiscoveryResult, inputs: [String], target: String) {
        guard let chosen = result.chosen else { return nil }
        formula = PlainTextPrinter().print(chosen.formula)
        latex = LaTeXPrinter().print(chosen.formula)
        testR2 = chosen.testR2
        testRMSE = chosen.testRMSE
        complexity = chosen.complexity
        self.inputs = inputs
        variables = result.variables
        self.target = target
        paretoFront = result.front.candidates.map {
            FrontMember(complexity: $0.complexity, testRMSE: $0.testRMSE, formula: PlainTextPrinter().print($0.formula))
        }
        tried = result.tried
        seconds = result.seconds
    }

    /// The formula, parsed back.
    public func expression() throws -> Expr { try Expr(parsing: formula) }
}
