import Fitting
import Foundation

/// One ranked candidate for an edge (a row of pykan's `suggest_symbolic` table).
public struct SymbolicSuggestion: Sendable {
    public let fit: AffineFit
    /// pykan's score, `weight_simple * complexity + (1 - weight_simple) * log2(1 + 1e-5 - r2)`; lower is better.
    public let score: Double

    /// Scores `fit` by pykan's trade-off of r2 against the function's complexity.
    public init(fit: AffineFit, weightSimple: Double) {
        self.fit = fit
        score = weightSimple * Double(fit.function.complexity) + (1 - weightSimple) * Foundation.log2(1 + 1e-5 - min(fit.r2, 1))
    }

    /// The lowest score a function of `complexity` can reach (at r2 = 1): known before fitting, so a function whose
    /// bound exceeds the scores already found need not be fitted.
    static func bestPossibleScore(complexity: Int, weightSimple: Double) -> Double {
        weightSimple * Double(complexity) + (1 - weightSimple) * Foundation.log2(1e-5)
    }
}
