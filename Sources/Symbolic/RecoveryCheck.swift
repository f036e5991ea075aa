import Foundation

/// SRBench's exact-recovery rule: a found formula recovers the truth when, after its constants are rounded
/// (`preprocessed`), the difference `truth - found` is a constant or the ratio `truth / found` is a non-zero
/// constant. `0.5000001*k*x^2` recovers `k*x^2/2`, and so do `0.5*k*x^2 + 3` and `k*x^2`; `sin(6.283*x)` does
/// not recover `sin(2*pi*x)`.
///
/// Decided by the project's `Simplifier` first. Where it leaves the difference and the ratio non-constant, the
/// values at random points give a second opinion (`ValueComparison`): a constant difference or a constant
/// non-zero ratio at every point, up to a relative `tolerance`, counts as recovered (`.numeric`). A symbolic
/// verdict is checked on the same points too, so a wrong simplification cannot count a formula as recovered.
///
/// The numeric opinion measures disagreement against the truth's size, never the found formula's: a found
/// formula with huge coefficients (`-7862334301*sin(9.75*x)` for `x*y`) cannot widen the tolerance. Only to
/// overrule a symbolic verdict are the found formula's own values allowed to widen it, since a formula such as
/// `x*y + 1e12` is the truth up to a constant but rounds by about 1e-4 when evaluated.
///
/// Limits: the numeric opinion sees only the sampled points (a formula that differs from the truth on a small
/// part of the ranges can pass), and differences below `tolerance` relative to the truth's values are taken
/// for rounding noise. So a smooth function of a small argument, scaled back up, can pass for its linear term
/// where the ranges keep the argument tiny: `1000*sin(0.001*x*y)` differs from `x*y` by `(x*y)^3/6e6`, 1e-4 of it
/// on [1, 5]^2 (rejected), but only 1e-19 of it where `x*y` is about 1e-6. SRBench's rounding makes the usual
/// disguises vanish first: `1e10*sin(1e-10*x*y)` rounds to `1e10*sin(0)`. A found formula without variables is
/// never recovered numerically, since a truth whose values barely vary would look constant at that tolerance.
public struct RecoveryCheck: Sendable {
    /// The variables, in the order of a sample's values.
    public let variables: [String]
    /// The random points: `samples[i][v]` is the value of `variables[v]` at point `i`.
    public let samples: [[Double]]
    /// Simplifies the difference and the ratio.
    public var simplifier = Simplifier()
    /// Relative size (to the truth's values) below which a spread of the difference or the ratio counts as
    /// floating-point noise. On the tests' pairs, every exact identity evaluated in `Double` (`2*sin(x)*cos(x)`
    /// and `sin(2*x)`, `sqrt(x^2)` and `x` for `x > 0`, the Feynman formulas against rearranged copies) is
    /// accepted down to 1e-15, and every near miss (`x^2.001`, `sin(x + 1.571)` for `cos(x)`, a constant off by
    /// 1e-3, `1000*x*tan(0.001*y)` for `x*y` on [1, 5]^2) is still rejected at 1e-6; 1e-9 sits in that gap. A
    /// constant term `C` in the found formula adds rounding of about `1e-16 * C`, so the points accept one up to
    /// about 1e6 times the truth's values (`sin(2*x) + 1e6` for `2*sin(x)*cos(x)` passes at 1e-9, not at 1e-10);
    /// larger ones are left to the simplifier (`x*y + 1e12` for `x*y` is a symbolic difference).
    public var tolerance = 1e-9
    /// The share of the points where both formulas must be defined for a numeric opinion.
    public var minimumDefinedFraction = 0.8

    /// Points are drawn uniformly from `ranges` (one per variable, in `variables` order), seeded.
    public init(variables: [String], ranges: [ClosedRange<Double>], points: Int = 200, seed: UInt64 = 0) {
        precondition(variables.count == ranges.count, "one range per variable")
        precondition(points > 0, "at least one point")
        var generator = SplitMix64(state: seed)
        self.variables = variables
        samples = (0..<points).map { _ in
            ranges.map { range in range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextUnit() }
        }
    }

    /// SRBench's rounding of a result: every number rounded to 3 decimals, those with `|c| < 1e-4` set to 0 (so
    /// a term or factor with such a coefficient vanishes, and such an exponent becomes 0).
    ///
    /// - `pi` and `E` are symbols, as in SymPy, and stay exact: `sin(2*pi*x)` keeps its `pi`, while
    ///   `sin(6.283185*x)` becomes `sin(6.283*x)`.
    /// - A number within `1e-15 * max(1, |c|)` of a fraction `p/q` with `q <= 100` is kept as that fraction. SymPy
    ///   rounds only floats and keeps `x/3` exact; an `Expr` holds every number as a `Double`, so `x/3` reaches
    ///   here as `0.3333333333333333*x`, and the project's own rounding (`maxDenominator`) writes fractions so.
    ///   A fitted number lands that close to a simple fraction only by being snapped to it.
    public static func preprocessed(_ expression: Expr) -> Expr {
        expression.rounded(rounding).simplified()
    }

    static let rounding = RoundingSettings(decimals: 3, maxDenominator: 100, snapTolerance: 1e-15, dropBelow: 1e-4)

    /// Whether `found` recovers `truth` exactly, with the reason. Only `found` is preprocessed: the truth is
    /// exact.
    public func verdict(found: Expr, truth: Expr) -> RecoveryVerdict {
        let result = Self.preprocessed(found)
        let (opinion, check) = numericOpinions(truth: truth, result: result)
        if let difference = Self.constantValue(simplifier.simplify(truth - result)) {
            return checked(RecoveryVerdict(method: .symbolicDifference, detail: "difference \(ValueComparison.format(difference))"),
                           against: check)
        }
        if let ratio = Self.constantValue(simplifier.simplify(truth / result)), ratio != 0 {
            return checked(RecoveryVerdict(method: .symbolicRatio, detail: "ratio \(ValueComparison.format(ratio))"),
                           against: check)
        }
        if result.variables.isEmpty && !truth.variables.isEmpty {
            return RecoveryVerdict(method: .notRecovered, detail: "found is the constant \(result); the truth does not simplify to one")
        }
        switch opinion {
        case .constantDifference(let difference):
            return RecoveryVerdict(method: .numeric, detail: "difference \(ValueComparison.format(difference)) at every point")
        case .constantRatio(let ratio):
            return RecoveryVerdict(method: .numeric, detail: "ratio \(ValueComparison.format(ratio)) at every point")
        case .varies(let reason), .undecided(let reason):
            return RecoveryVerdict(method: .notRecovered, detail: reason)
        }
    }

    /// A symbolic verdict, unless the points contradict it.
    private func checked(_ verdict: RecoveryVerdict, against opinion: ValueComparison.Outcome) -> RecoveryVerdict {
        guard case .varies(let reason) = opinion else { return verdict }
        return RecoveryVerdict(method: .notRecovered, detail: "the simplifier found \(verdict.detail), the points do not: \(reason)")
    }

    /// The values of both formulas at the samples, compared twice: to the truth's size (`opinion`, which alone
    /// may accept a formula), and to the larger of both formulas' sizes (`check`, which may only overrule a
    /// symbolic verdict: a found formula with a huge term rounds by more than the truth's tolerance).
    private func numericOpinions(truth: Expr, result: Expr) -> (opinion: ValueComparison.Outcome, check: ValueComparison.Outcome) {
        let truthValues: [Double?], resultValues: [Double?]
        do {
            truthValues = try values(of: truth)
            resultValues = try values(of: result)
        } catch {
            return (.undecided("\(error)"), .undecided("\(error)"))
        }
        var comparison = ValueComparison(tolerance: tolerance, minimumDefinedFraction: minimumDefinedFraction, scale: .truth)
        let opinion = comparison.compare(truth: truthValues, found: resultValues)
        comparison.scale = .either
        return (opinion, comparison.compare(truth: truthValues, found: resultValues))
    }

    /// The values at the samples, nil where undefined; throws only for a variable without a range.
    private func values(of expression: Expr) throws(EvaluationError) -> [Double?] {
        let function = try expression.compiled(variables: variables)
        return samples.map { try? function($0) }
    }

    /// The value of an expression without variables (`2*pi` counts, not only plain numbers), if finite.
    private static func constantValue(_ expression: Expr) -> Double? {
        guard expression.variables.isEmpty, let value = try? expression.evaluate(at: [:]), value.isFinite else { return nil }
        return value
    }
}
