import Foundation

/// The numeric second opinion of `RecoveryCheck`: do two formulas' values on the same points differ by a
/// constant, or have a constant non-zero ratio, up to floating-point noise?
///
/// Points where either value is undefined or not finite are skipped; with fewer than `minimumDefinedFraction`
/// of the points left there is no opinion. The constant is the median of the differences `t_i - f_i` (or of
/// the ratios `t_i / f_i`), and every point must agree with it:
///
///     |t_i - (f_i + d)| <= tolerance * s_i        or        |t_i - r * f_i| <= tolerance * s_i,  r != 0
///
/// How large `s_i` may be is the `scale`:
/// - `.truth` (to accept a formula): `s_i = max(|t_i|, |g_i|, typical)`, with `g_i` the found value brought onto
///   the truth (`f_i + d` or `r * f_i`) and `typical` the median of `|t_i|`. The found formula must match the
///   truth to `tolerance` of the truth's own size, however large it is itself. (With `s_i` growing with `|f_i|`,
///   `-7862334301*sin(9.75*x)` passed for `x*y` on ranges such as [1, 2]: `1e-9 * |f_i|`, up to 7.9, exceeded
///   the truth's values themselves.) `typical` keeps points where the truth is near zero (a root) from demanding
///   more than the arithmetic can give.
/// - `.either` (to refute a symbolic verdict): `s_i = max(|t_i|, |h_i|, typical)`, with `h_i` the found value
///   as computed (`f_i`, or `r * f_i` for the ratio) and `typical` the median of `max(|t_i|, |h_i|)`. Evaluating
///   `x*y + 1e12` rounds by about 1e-4, more than `1e-9 * |x*y|`: the points cannot tell such a formula from the
///   truth, but they can still show a simplification wrong.
struct ValueComparison {
    /// What the values show.
    enum Outcome: Equatable {
        case constantDifference(Double)
        case constantRatio(Double)
        /// Neither is constant; the text gives the spread of both.
        case varies(String)
        /// Too few points where both are defined.
        case undecided(String)
    }

    /// Whose size a point's disagreement is measured against (see the type's description).
    enum Scale {
        /// The truth's: for accepting a formula on the points alone.
        case truth
        /// The larger of the truth's and the found formula's as computed: for checking a symbolic verdict.
        case either
    }

    var tolerance: Double
    var minimumDefinedFraction: Double
    var scale: Scale = .truth

    /// Compares `truth[i]` with `found[i]` (nil where a formula is undefined).
    func compare(truth: [Double?], found: [Double?]) -> Outcome {
        precondition(truth.count == found.count, "one value of each formula per point")
        let pairs = zip(truth, found).compactMap { t, f -> (t: Double, f: Double)? in
            guard let t, let f, t.isFinite, f.isFinite else { return nil }
            return (t, f)
        }
        guard !pairs.isEmpty, Double(pairs.count) >= minimumDefinedFraction * Double(truth.count) else {
            return .undecided("both formulas are defined at only \(pairs.count) of \(truth.count) points")
        }
        let differences = pairs.map { $0.t - $0.f }
        let offset = Self.median(differences)
        if agrees(truth: pairs.map(\.t), computed: pairs.map(\.f), brought: pairs.map { $0.f + offset }) {
            return .constantDifference(offset)
        }
        let ratios = pairs.filter { $0.f != 0 }.map { $0.t / $0.f }
        if !ratios.isEmpty {
            let factor = Self.median(ratios)
            if factor != 0, factor.isFinite {
                let scaled = pairs.map { factor * $0.f }
                if agrees(truth: pairs.map(\.t), computed: scaled, brought: scaled) { return .constantRatio(factor) }
            }
        }
        let ratioSpread = ratios.isEmpty ? "found is 0 everywhere" : "ratio varies: \(Self.spread(ratios))"
        return .varies("difference varies: \(Self.spread(differences)); \(ratioSpread)")
    }

    /// Whether `|t_i - g_i| <= tolerance * s_i` at every point, `g_i = brought[i]` the found value moved onto the
    /// truth and `computed[i]` as evaluated (`f_i`, or `r f_i`), with `s_i` as `scale` says.
    private func agrees(truth: [Double], computed: [Double], brought: [Double]) -> Bool {
        switch scale {
        case .truth:
            let typical = Self.median(truth.map { Swift.abs($0) })
            return truth.indices.allSatisfy { i in
                Swift.abs(truth[i] - brought[i]) <= tolerance * Swift.max(Swift.abs(truth[i]), Swift.abs(brought[i]), typical)
            }
        case .either:
            let typical = Self.median(truth.indices.map { Swift.max(Swift.abs(truth[$0]), Swift.abs(computed[$0])) })
            return truth.indices.allSatisfy { i in
                Swift.abs(truth[i] - brought[i]) <= tolerance * Swift.max(Swift.abs(truth[i]), Swift.abs(computed[i]), typical)
            }
        }
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func spread(_ values: [Double]) -> String {
        "\(format(values.min()!))..\(format(values.max()!))"
    }

    /// Six significant digits, as reports want them.
    static func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
