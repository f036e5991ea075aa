import Foundation

/// The numeric second opinion of `RecoveryCheck`: do two formulas' values on the same points differ by a
/// constant, or have a constant non-zero ratio, up to floating-point noise?
///
/// Points where either value is undefined or not finite are skipped; with fewer than `minimumDefinedFraction`
/// of the points left there is no opinion. The constant is the median of the differences `t_i - f_i` (or of
/// the ratios `t_i / f_i`), and every point must agree with it:
///
///     |(t_i - f_i) - d| <= tolerance * s_i        or        |t_i - r * f_i| <= tolerance * s_i,  r != 0
///
/// with `s_i = max(|t_i|, |f_i|, typical)` (`r * f_i` in place of `f_i` for the ratio), `typical` the median of
/// `max(|t_i|, |f_i|)`: rounding noise grows with the size of the numbers compared, and `typical` keeps points
/// where both values are near zero (a root of the truth) from demanding more than the arithmetic can give.
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

    var tolerance: Double
    var minimumDefinedFraction: Double

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
        let typical = Self.median(pairs.map { Swift.max(Swift.abs($0.t), Swift.abs($0.f)) })
        func agrees(_ residual: Double, _ t: Double, _ f: Double) -> Bool {
            Swift.abs(residual) <= tolerance * Swift.max(Swift.abs(t), Swift.abs(f), typical)
        }

        let differences = pairs.map { $0.t - $0.f }
        let offset = Self.median(differences)
        if zip(pairs, differences).allSatisfy({ agrees($1 - offset, $0.t, $0.f) }) {
            return .constantDifference(offset)
        }
        let ratios = pairs.filter { $0.f != 0 }.map { $0.t / $0.f }
        if !ratios.isEmpty {
            let factor = Self.median(ratios)
            if factor != 0, factor.isFinite, pairs.allSatisfy({ agrees($0.t - factor * $0.f, $0.t, factor * $0.f) }) {
                return .constantRatio(factor)
            }
        }
        let ratioSpread = ratios.isEmpty ? "found is 0 everywhere" : "ratio varies: \(Self.spread(ratios))"
        return .varies("difference varies: \(Self.spread(differences)); \(ratioSpread)")
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
