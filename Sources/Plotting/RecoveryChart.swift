import Foundation

/// The equations of one size in a benchmark run: how many input variables they have, and how many of them were
/// recovered and not.
public struct RecoveryBar: Sendable, Equatable {
    public var variables: Int
    public var recovered: Int
    public var missed: Int

    public init(variables: Int, recovered: Int, missed: Int) {
        self.variables = variables
        self.recovered = recovered
        self.missed = missed
    }

    /// One bar per number of variables among `outcomes` (each equation's variables and whether it was
    /// recovered), fewest variables first.
    public static func tally(_ outcomes: [(variables: Int, recovered: Bool)]) -> [RecoveryBar] {
        Dictionary(grouping: outcomes, by: \.variables).keys.sorted().map { size in
            let group = outcomes.filter { $0.variables == size }
            let recovered = group.filter(\.recovered).count
            return RecoveryBar(variables: size, recovered: recovered, missed: group.count - recovered)
        }
    }
}

/// Draws a benchmark's recovery by equation size, as `kan bench feynman --plot` writes it: per number of input
/// variables a stacked bar, recovered below and not recovered above, each part's count inside it where it fits and
/// `recovered/total` above the bar; the title gives the noise level and the overall rate.
public enum RecoveryPlotter {
    static let recoveredColor = Canvas.Color(red: 0.2, green: 0.6, blue: 0.3)
    static let missedColor = Canvas.Color(red: 0.8, green: 0.8, blue: 0.8)

    /// Draws `bars` (of a run at `noise`) to `url` (PNG, SVG or PDF by its extension), written atomically. No
    /// bars, or a bar with a negative count or none at all, is an error.
    public static func draw(_ bars: [RecoveryBar], noise: Double, to url: URL) throws(PlotError) {
        try render(bars, noise: noise, url: url).write()
    }

    /// The chart drawn on a canvas for `url`, not yet written.
    static func render(_ bars: [RecoveryBar], noise: Double, url: URL) throws(PlotError) -> Canvas {
        guard !bars.isEmpty else { throw .invalidSamples("no results to chart") }
        if let bad = bars.first(where: { $0.recovered < 0 || $0.missed < 0 || $0.recovered + $0.missed == 0 }) {
            throw .invalidSamples("\(bad.variables) variables: \(bad.recovered) recovered and \(bad.missed) not; expected counts >= 0, not both 0")
        }
        let canvas = try Canvas(width: 640, height: 415, url: url)
        let (recovered, total) = (bars.map(\.recovered).reduce(0, +), bars.map { $0.recovered + $0.missed }.reduce(0, +))
        canvas.text("Exact recovery at noise \(String(format: "%g", noise)): \(recovered) of \(total) equations", x: canvas.width / 2, y: 26, size: 15)
        // Categories at 0, 1, ...; the count axis with room above the tallest bar for its label.
        let categories = PlotAxis(low: -0.5, high: Double(bars.count) - 0.5, logarithmic: false,
                                  ticks: bars.enumerated().map { (Double($0.offset), "\($0.element.variables)") })
        let counts = PlotAxis.linear(spanning: [0, 1.12 * Double(bars.map { $0.recovered + $0.missed }.max()!)], whole: true)
        let panel = PlotPanel(x: 70, y: 70, width: 540, height: 290, horizontal: categories, vertical: counts)
        panel.drawAxes(on: canvas, horizontalLabel: "input variables", verticalLabel: "equations")
        let barWidth = min(80, 0.6 * panel.width / Double(bars.count))
        for (index, bar) in bars.enumerated() {
            let (center, base) = panel.point(Double(index), 0)
            let top = panel.point(Double(index), Double(bar.recovered)).1, end = panel.point(Double(index), Double(bar.recovered + bar.missed)).1
            for (count, low, high, color, ink) in [(bar.recovered, base, top, recoveredColor, Canvas.Color(red: 1, green: 1, blue: 1)),
                                                   (bar.missed, top, end, missedColor, Canvas.Color.black)] where count > 0 {
                canvas.rectangle(x: center - barWidth / 2, y: high, width: barWidth, height: low - high, stroke: color, fill: color)
                if low - high >= 16 { canvas.text("\(count)", x: center, y: (low + high) / 2 + 4, size: 11, color: ink) }
            }
            canvas.text("\(bar.recovered)/\(bar.recovered + bar.missed)", x: center, y: end - 6, size: 11)
        }
        // The legend in one row above the panel's right end.
        var x = panel.x + panel.width - canvas.textWidth("recovered", size: 11) - canvas.textWidth("not recovered", size: 11) - 52
        for (name, color) in [("recovered", recoveredColor), ("not recovered", missedColor)] {
            canvas.rectangle(x: x, y: 44, width: 12, height: 10, stroke: color, fill: color)
            canvas.text(name, x: x + 18, y: 53, size: 11, centered: false)
            x += 18 + canvas.textWidth(name, size: 11) + 16
        }
        return canvas
    }
}
