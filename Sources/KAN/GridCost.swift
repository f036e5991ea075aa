import Foundation

/// The work of fitting a configuration's splines: each edge's `grid + k` coefficients are fitted by least squares
/// (at initialisation, grid updates and refining), an `n^3` factorisation per edge. A grid whose fits would take
/// more than `secondsLimit` is refused by `check()`, naming the estimate and the largest grid within it (grid
/// 10000 on `[2,1,1]` ran for many minutes); a grid with more coefficients than training rows is allowed, as pykan
/// allows it (its grid-extension tutorial goes to 1,000 intervals on 1,000 points), with a note that the fit is
/// underdetermined.
public struct GridCost: Sendable {
    public let configuration: KANConfiguration
    /// The network's edges (inputs times subnodes, summed over layers).
    public let edges: Double
    /// Spline coefficients per edge, `grid + k` (`Int.max` when that is more: `--grid 9223372036854775807`).
    public var coefficients: Int {
        let (sum, overflow) = configuration.grid.addingReportingOverflow(configuration.order)
        return overflow ? .max : sum
    }
    /// The estimated seconds of one grid update's fits.
    public var seconds: Double { edges * pow(Double(coefficients), 3) / Self.flopsPerSecond }

    /// The least-squares fits' speed the estimate assumes (measured: grid 3000 on `[2,1,1]`, 3 edges of 3,003
    /// coefficients, took 36 s per grid update, about 2.2e9 per second).
    public static let flopsPerSecond = 2e9
    /// The longest a grid's fits may be estimated to take.
    public static let secondsLimit = 60.0

    public init(_ configuration: KANConfiguration) {
        self.configuration = configuration
        edges = configuration.width.indices.dropLast().reduce(0.0) { total, l in
            total + Double(configuration.width[l]) * configuration.subnodeEstimate(ofNodeLayer: l + 1)
        }
    }

    /// Throws when one grid update's fits would take more than `secondsLimit`.
    public func check() throws(GridCostError) {
        guard seconds > Self.secondsLimit else { return }
        let largest = Int(cbrt(Self.secondsLimit * Self.flopsPerSecond / max(edges, 1))) - configuration.order
        throw GridCostError(edges: Int(edges), coefficients: coefficients, seconds: seconds, largestGrid: max(largest, 1))
    }

    /// `each edge has 1003 spline coefficients ...`, when the fits have more coefficients than training `rows`;
    /// nil otherwise.
    public func underdeterminedNote(rows: Int) -> String? {
        guard coefficients > rows else { return nil }
        return "each edge has \(coefficients) spline coefficients (grid + k) for \(rows) training rows, so its fit is underdetermined and may overfit"
    }
}

/// A grid whose least-squares fits would take too long (`GridCost.check()`), with the largest grid within the limit.
public struct GridCostError: Error, Sendable, Equatable, CustomStringConvertible {
    public let edges: Int
    public let coefficients: Int
    public let seconds: Double
    public let largestGrid: Int

    /// `40 seconds`, `25 minutes`, `3 hours`; in Double throughout, since a grid near `Int.max` asks for about 1e56 s.
    private static func rough(seconds: Double) -> String {
        if seconds < 120 { return "\(Int(seconds)) seconds" }
        if seconds < 7200 { return "\(Int(seconds / 60)) minutes" }
        let hours = seconds / 3600
        return hours < 1e15 ? "\(Int(hours)) hours" : "\(String(format: "%.1e", hours)) hours"
    }

    public var description: String {
        "fitting \(edges) edges of \(coefficients) spline coefficients each by least squares would take about \(Self.rough(seconds: seconds)) per grid update (n^3 per edge)"
    }
}
