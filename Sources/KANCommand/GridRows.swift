import KAN

/// Refuses a grid whose splines have more coefficients than there are rows to determine them: each edge's
/// `grid + k` coefficients are fitted by least squares to the rows (at initialisation, grid updates and
/// refining), which is underdetermined with fewer rows, and whose `n^3` factorisation made `--grid 10000` on 1,000
/// rows run for many minutes. `option` is the flag to name (`--grid`).
func checkGrid(_ configuration: KANConfiguration, rows: Int, option: String) throws {
    let coefficients = configuration.grid + configuration.order
    guard coefficients > rows else { return }
    throw CommandFailure("\(option) \(configuration.grid): each edge would have \(coefficients) spline coefficients (grid + k), more than the \(rows) training rows that determine them; use \(option) \(max(rows - configuration.order, 1)) or less, or more rows")
}
