import Files
import Foundation

extension FeynmanResult {
    /// `I.12.2: recovered q1*q2/(4*pi*epsilon*r**2) (3.1 s)`, or `not recovered`, with `-` for no formula: the line
    /// `kan bench feynman` writes as each equation finishes.
    public var progressLine: String {
        "\(equation): \(recovered ? "recovered" : "not recovered") \(formula ?? "-") (\(String(format: "%.1f", seconds)) s)"
    }

    /// `results` as a table, one row each: the equation, whether it was recovered (`yes`, `no`), the formula, its
    /// test r2 to six places and the seconds to one, with `-` for what a result lacks; every line ends in a newline.
    public static func table(_ results: [FeynmanResult]) -> String {
        var table = TextTable(header: ["equation", "recovered", "formula", "test_r2", "seconds"])
        for result in results {
            table.append([result.equation, result.recovered ? "yes" : "no", result.formula ?? "-",
                          result.testR2.map { String(format: "%.6f", $0) } ?? "-", String(format: "%.1f", result.seconds)])
        }
        return table.text
    }
}

extension FeynmanSummary {
    /// The rates as `kan bench feynman` prints them, for a run at `noise`: `recovered: 18/20 (90%) at noise 0.0`,
    /// `median_seconds: 5.2`, `max_seconds: 30.1`, each line ending in a newline.
    public func text(noise: Double) -> String {
        let share = String(format: "%.0f", 100 * Double(recovered) / Double(count))
        return "recovered: \(recovered)/\(count) (\(share)%) at noise \(noise)\n"
            + "median_seconds: \(String(format: "%.1f", medianSeconds))\n"
            + "max_seconds: \(String(format: "%.1f", maxSeconds))\n"
    }
}
