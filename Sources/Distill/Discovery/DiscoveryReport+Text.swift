import Files
import Foundation

extension DiscoveryReport {
    /// The report as `kan discover` prints it, one `name: value` line each, every line ending in a newline: the
    /// formula and its LaTeX, its test r2 and RMSE, its complexity, then when present its fitted constants, what the
    /// units did, how rows were weighted and which variables it assumes positive; then the Pareto front as a table
    /// (complexity, test RMSE, formula) and how many trials ran in how many seconds.
    public var text: String {
        var lines = ["formula: \(formula)", "latex: \(latex)", "test_r2: \(testR2)", "test_rmse: \(testRMSE)",
                     "complexity: \(complexity)"]
        if let constants { lines.append("constants: \(constants.map(\.text).joined(separator: ", "))") }
        if let units { lines.append("units: \(units)") }
        if let weights { lines.append("weights: \(weights)") }
        if let assumedPositive { lines.append("assuming: \(assumedPositive.joined(separator: ", ")) > 0 (as the data show)") }
        lines.append("pareto front:")
        var table = TextTable(header: ["complexity", "test_rmse", "formula"])
        for member in paretoFront {
            table.append(["\(member.complexity)", String(format: "%.4g", member.testRMSE), member.formula])
        }
        let trials = "tried \(tried.count) trials in \(String(format: "%.1f", seconds)) s\n"
        return lines.map { $0 + "\n" }.joined() + table.text + trials
    }
}
