import Fitting
import Foundation
import Optimization
import Symbolic

/// Finds a formula for a function of one input from samples: every library function fitted as `c*f(a*u + b) + d`
/// (GSL's Levenberg-Marquardt through `AffineFitter`) to the values and to their reciprocal, square and logarithm
/// (AI Feynman's transformations: `1/sqrt(1 - u^2)` becomes the parabola `1 - u^2` after `y -> 1/y^2`), the
/// transformation undone in the formula.
struct CurveSolver {
    let library: FittableLibrary
    /// How many formulas to return.
    var keep = 6
    /// The relative error of the values (the surrogate's): fits within it of the best are taken as equally good.
    var noise = 0.0
    /// Past it, no further function is fitted (the caller checks the deadline and gives up).
    var deadline: Deadline?

    /// A transformation of the values before fitting, and its inverse applied to the fitted formula.
    private struct Transform {
        var apply: (Double) -> Double
        var undo: (Expr) -> Expr
        /// Added to the formula's complexity when ranking.
        var cost: Int
    }

    /// The best formulas of `input` (an expression of the data's variables) for the points `(u, y)`, simplest among
    /// the nearly most accurate first.
    func solve(u: [Double], y: [Double], input: Expr) -> [Expr] {
        let points = zip(u, y).filter { $0.0.isFinite && $0.1.isFinite }
        guard points.count >= 8 else { return [] }
        let x = points.map(\.0), values = points.map(\.1)
        let spread = Metrics.standardDeviation(values)
        guard spread > 1e-12 * (values.map(abs).max() ?? 0) else {
            return [.constant(values.reduce(0, +) / Double(values.count))]
        }
        var found: [(formula: Expr, error: Double, complexity: Int)] = []
        let fitter = AffineFitter(starts: 4, maxIterations: 100)
        for transform in transforms(values) {
            let transformed = values.map(transform.apply)
            guard transformed.allSatisfy(\.isFinite) else { continue }
            for function in library.functions {
                if deadline?.hasPassed ?? false { return [] }
                guard let fit = try? fitter.fit(function, x: x, y: transformed), fit.r2.isFinite else { continue }
                let formula = transform.undo(fit.constants.applied(fit.function, to: .variable(Self.placeholder)))
                guard let compiled = try? formula.compiledFunction(of: Self.placeholder) else { continue }
                let predicted = x.map { x in (try? compiled(x)) ?? .nan }
                guard predicted.allSatisfy(\.isFinite) else { continue }
                found.append((formula, Metrics.rmse(predicted, values), fit.complexity + transform.cost))
            }
        }
        guard let best = found.map(\.error).min() else { return [] }
        // Formulas within the surrogate's noise of the best are equally likely: the simplest of them, interleaved
        // with the most accurate (an exact law is the most accurate when the surrogate is good).
        let tolerance = max(4 * best, 3 * noise * spread, 1e-9 * spread)
        let simplest = found.filter { $0.error <= tolerance }.sorted {
            $0.complexity != $1.complexity ? $0.complexity < $1.complexity : $0.error < $1.error
        }
        let accurate = found.sorted { $0.error < $1.error }
        var formulas: [Expr] = []
        for index in 0..<max(simplest.count, accurate.count) where formulas.count < keep {
            for list in [simplest, accurate] where index < list.count && formulas.count < keep {
                let formula = list[index].formula.substituting([Self.placeholder: input])
                if !formulas.contains(formula) { formulas.append(formula) }
            }
        }
        return formulas
    }

    /// The name the input has while a formula is fitted and judged.
    private static let placeholder = "u"

    /// The identity, and the reciprocal, square and logarithm where the values keep one sign.
    private func transforms(_ values: [Double]) -> [Transform] {
        var list = [Transform(apply: { $0 }, undo: { $0 }, cost: 0)]
        let sign: Double? = values.allSatisfy { $0 > 0 } ? 1 : (values.allSatisfy { $0 < 0 } ? -1 : nil)
        guard let sign else { return list }
        list.append(Transform(apply: { 1 / $0 }, undo: { .power($0, -1) }, cost: 2))
        list.append(Transform(apply: { $0 * $0 }, undo: { .constant(sign) * .power($0, 0.5) }, cost: 2))
        list.append(Transform(apply: { 1 / ($0 * $0) }, undo: { .constant(sign) * .power($0, -0.5) }, cost: 3))
        list.append(Transform(apply: { Foundation.log(abs($0)) }, undo: { .constant(sign) * .apply(.exp, $0) }, cost: 2))
        return list
    }
}
