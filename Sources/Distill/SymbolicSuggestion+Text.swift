import Files
import Foundation

extension SymbolicSuggestion {
    /// `suggestions` as `kan suggest` prints them (pykan's `suggest_symbolic` table): one row each with the
    /// function, r2 to eight places, its complexity, the score to four places and the constants `a, b, c, d` of
    /// `c * f(a * x + b) + d` to six significant digits; every line ends in a newline.
    public static func table(_ suggestions: [SymbolicSuggestion]) -> String {
        var table = TextTable(header: ["function", "r2", "complexity", "score", "a", "b", "c", "d"])
        for suggestion in suggestions {
            let fit = suggestion.fit, constants = fit.constants
            let measures = [fit.function.name, String(format: "%.8f", fit.r2), "\(fit.function.complexity)", String(format: "%.4f", suggestion.score)]
            table.append(measures + [constants.a, constants.b, constants.c, constants.d].map { String(format: "%.6g", $0) })
        }
        return table.text
    }
}
