import Foundation

/// One axis of a chart: the values it spans, linear or logarithmic (base 10), its ticks and their labels, and where
/// a value lies along it (`fraction`: 0 at `low`, 1 at `high`).
struct PlotAxis {
    let low: Double
    let high: Double
    let logarithmic: Bool
    /// The ticks' values and labels, low to high.
    let ticks: [(value: Double, label: String)]

    /// A linear axis over the finite `values`, widened to round ticks 1, 2 or 5 times a power of ten apart, about
    /// five of them (whole numbers apart when `whole`); a single value is widened around itself.
    static func linear(spanning values: [Double], whole: Bool = false) -> PlotAxis {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if high - low <= 1e-12 * max(abs(low), abs(high)) {
            let pad = low == 0 ? 1 : abs(low) / 10
            (low, high) = (low - pad, high + pad)
        }
        let rough = (high - low) / 5
        let power = pow(10, floor(log10(rough)))
        var step = ([1.0, 2, 5, 10].first { $0 * power >= rough } ?? 10) * power
        if whole { step = max(1, step.rounded(.up)) }
        let first = Int((low / step).rounded(.down)), last = Int((high / step).rounded(.up))
        let ticks = (first...last).map { index in (Double(index) * step, String(format: "%g", Double(index) * step)) }
        return PlotAxis(low: Double(first) * step, high: Double(last) * step, logarithmic: false, ticks: ticks)
    }

    /// A base-10 logarithmic axis over whole decades around the positive finite `values`, at most about six ticks.
    /// When some value is 0 or less (an exact fit's error), one decade more is added below and its line, where
    /// those values lie, is labelled 0.
    static func logarithmic(spanning values: [Double]) -> PlotAxis {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        var low = Int(floor(log10(positive.min() ?? 1))), high = Int(ceil(log10(positive.max() ?? 1)))
        let zero = values.contains { $0 <= 0 }
        if zero { low -= 1 }
        if high <= low { high = low + 1 }
        let every = max(1, Int((Double(high - low) / 6).rounded(.up)))
        let ticks = stride(from: low, through: high, by: every).map { exponent in
            let label = zero && exponent == low ? "0"
                : (-3...3).contains(exponent) ? String(format: "%g", pow(10, Double(exponent))) : "1e\(exponent)"
            return (pow(10, Double(exponent)), label)
        }
        return PlotAxis(low: pow(10, Double(low)), high: pow(10, Double(high)), logarithmic: true, ticks: ticks)
    }

    /// Where `value` lies along the axis: 0 at `low`, 1 at `high` (on a logarithmic axis, a value of 0 or less at 0).
    func fraction(_ value: Double) -> Double {
        guard logarithmic else { return (value - low) / (high - low) }
        guard value > 0 else { return 0 }
        return max(0, (log10(value) - log10(low)) / (log10(high) - log10(low)))
    }
}
