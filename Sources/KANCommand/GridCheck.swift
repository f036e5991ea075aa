import Foundation
import KAN

/// Checks a grid against the work of fitting its splines: each edge's `grid + k` coefficients are fitted by least
/// squares (at initialisation, grid updates and refining), an `n^3` factorisation per edge. A grid whose fits would
/// take more than `gridSecondsLimit` is refused, naming the estimate and the largest grid within it
/// (`--grid 10000` on `[2,1,1]` ran for many minutes); a grid with more coefficients than training rows is allowed,
/// as pykan allows it (its grid-extension tutorial goes to 1,000 intervals on 1,000 points), with a note that the
/// fit is underdetermined. `option` is the flag to name (`--grid`).
func checkGrid(_ configuration: KANConfiguration, rows: Int, option: String) throws {
    let edges = configuration.width.indices.dropLast().reduce(0.0) { total, l in
        total + Double(configuration.width[l] * configuration.subnodeCount(ofNodeLayer: l + 1))
    }
    let coefficients = configuration.grid + configuration.order
    let seconds = edges * pow(Double(coefficients), 3) / leastSquaresFlopsPerSecond
    if seconds > gridSecondsLimit {
        let largest = Int(cbrt(gridSecondsLimit * leastSquaresFlopsPerSecond / max(edges, 1))) - configuration.order
        throw CommandFailure("\(option) \(configuration.grid): fitting \(Int(edges)) edges of \(coefficients) spline coefficients each by least squares would take about \(Duration.seconds(seconds).roughDescription) per grid update (n^3 per edge); use \(option) \(max(largest, 1)) or less")
    }
    if coefficients > rows {
        FileHandle.standardError.write(Data("note: \(option) \(configuration.grid): each edge has \(coefficients) spline coefficients (grid + k) for \(rows) training rows, so its fit is underdetermined and may overfit\n".utf8))
    }
}

/// The least-squares fits' speed the estimate assumes (measured: `--grid 3000` on `[2,1,1]`, 3 edges of 3,003
/// coefficients, took 36 s per grid update, about 2.2e9 per second).
private let leastSquaresFlopsPerSecond = 2e9

/// The longest a grid's fits may be estimated to take.
private let gridSecondsLimit = 60.0

extension Duration {
    /// `40 seconds`, `25 minutes`, `3 hours`.
    fileprivate var roughDescription: String {
        let seconds = Double(components.seconds)
        if seconds < 120 { return "\(Int(seconds)) seconds" }
        if seconds < 7200 { return "\(Int(seconds / 60)) minutes" }
        return "\(Int(seconds / 3600)) hours"
    }
}
