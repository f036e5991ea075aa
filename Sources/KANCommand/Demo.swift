import ArgumentParser
import Symbolic

/// `kan demo`: the embedded default run. Until training lands it shows the symbolic engine on what a distilled
/// KAN of exp(sin(pi*x1) + x2^2) produces: fitted constants, composed, simplified, rounded and exported.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the built-in demonstration and print the formula it finds.")

    /// What the three fitted edges of pykan's hellokan model compose to, constants as LBFGS leaves them.
    static let distilledEdges = "1.0000021*exp(0.99999894*sin(3.1415912*x1 + 2.7e-7) + 1.0000034*(0.0000012 - x2)^2 - 1.1e-6) + 3.0e-7"

    func run() throws {
        try reportingFailures {
            let raw = try Expr(parsing: Demo.distilledEdges)
            let settings = RoundingSettings(significantDigits: 4, snapToIntegers: true, maxDenominator: 4,
                                            snapToPi: true, snapTolerance: 1e-4, dropBelow: 1e-4)
            let formula = raw.simplified().rounded(settings).simplified()
            let truth = try Expr(parsing: "exp(sin(pi*x1) + x2^2)")
            var worst = 0.0
            for i in 0..<11 {
                for j in 0..<11 {
                    let point = ["x1": -1 + 0.2 * Double(i), "x2": -1 + 0.2 * Double(j)]
                    worst = max(worst, abs(try formula.evaluate(at: point) - truth.evaluate(at: point)))
                }
            }
            print("edges: \(raw)")
            print("formula: \(formula)")
            print("latex: \(LaTeXPrinter().print(formula))")
            print("swift: \(SwiftCodePrinter().print(formula))")
            print("max_error_vs_truth: \(worst)")
        }
    }
}
