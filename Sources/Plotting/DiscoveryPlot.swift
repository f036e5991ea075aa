import Foundation

/// What a discovery's figure shows, in plain values (callers turn their own result types into these): the Pareto
/// front with the chosen formula marked, and the chosen formula's predictions on the test rows against the
/// measured targets.
public struct DiscoveryFigure: Sendable {
    /// One member of the Pareto front: its complexity, its RMSE on the test rows, and whether it is the formula
    /// chosen.
    public struct FrontPoint: Sendable, Equatable {
        public var complexity: Int
        public var testRMSE: Double
        public var isChosen: Bool

        public init(complexity: Int, testRMSE: Double, isChosen: Bool) {
            self.complexity = complexity
            self.testRMSE = testRMSE
            self.isChosen = isChosen
        }
    }

    public var front: [FrontPoint]
    /// The test rows' measured targets and the chosen formula's predictions of them, row by row.
    public var measured: [Double]
    public var predicted: [Double]
    /// The target's name, for the axes' labels.
    public var target: String
    /// The chosen formula, for the title.
    public var formula: String

    public init(front: [FrontPoint], measured: [Double], predicted: [Double], target: String, formula: String) {
        self.front = front
        self.measured = measured
        self.predicted = predicted
        self.target = target
        self.formula = formula
    }
}

/// Draws a discovery's figure, as `kan discover --plot` writes it: (a) the Pareto front, complexity against test
/// RMSE on a log scale (an error of 0 on its bottom line, labelled 0), a point per member joined by steps, the
/// chosen formula ringed and labelled "chosen"; (b) the chosen formula's predictions on the test rows against the
/// measured values, with the diagonal y = x. The title is `target = formula`, shortened to the figure's width.
public enum DiscoveryPlotter {
    static let frontColor = Canvas.Color(red: 0.12, green: 0.35, blue: 0.7)
    static let chosenColor = Canvas.Color(red: 0.8, green: 0.1, blue: 0.1)
    static let rowColor = Canvas.Color(red: 0.9, green: 0.45, blue: 0.1, alpha: 0.6)
    /// At most this many test rows are drawn, evenly spaced through them; the panel's title says how many of how many.
    static let maximumRows = 500

    /// Draws `figure` to `url` (PNG, SVG or PDF by its extension), written atomically. An empty front, or
    /// measured and predicted values of different counts or without a finite pair, are errors.
    public static func draw(_ figure: DiscoveryFigure, to url: URL) throws(PlotError) {
        try render(figure, url: url).write()
    }

    /// The figure drawn on a canvas for `url`, not yet written.
    static func render(_ figure: DiscoveryFigure, url: URL) throws(PlotError) -> Canvas {
        let front = figure.front.filter { $0.testRMSE.isFinite }.sorted { $0.complexity < $1.complexity }
        guard !front.isEmpty else { throw .invalidSamples("the Pareto front has no member with a finite test RMSE") }
        guard figure.measured.count == figure.predicted.count else {
            throw .invalidSamples("\(figure.measured.count) measured values but \(figure.predicted.count) predictions")
        }
        let pairs = zip(figure.measured, figure.predicted).filter { $0.0.isFinite && $0.1.isFinite }
        guard !pairs.isEmpty else { throw .invalidSamples("no test row has a finite measured value and prediction") }
        let canvas = try Canvas(width: 920, height: 470, url: url)
        let title = canvas.shortened("\(figure.target) = \(figure.formula)", size: 15, toWidth: canvas.width - 40)
        canvas.text(title, x: canvas.width / 2, y: 28, size: 15)
        drawFront(front, on: canvas)
        drawPredictions(pairs.map { ($0.0, $0.1) }, target: figure.target, on: canvas)
        return canvas
    }

    /// Panel (a): the front as a step line through its members (simplest first), each a point, the chosen one
    /// ringed and labelled.
    private static func drawFront(_ front: [DiscoveryFigure.FrontPoint], on canvas: Canvas) {
        let complexities = front.map { Double($0.complexity) }
        let panel = PlotPanel(x: 80, y: 70, width: 380, height: 330,
                              horizontal: .linear(spanning: [max(0, complexities.min()! - 1), complexities.max()! + 1], whole: true),
                              vertical: .logarithmic(spanning: front.map(\.testRMSE)))
        panel.drawAxes(on: canvas, horizontalLabel: "complexity", verticalLabel: "test RMSE", title: "(a) Pareto front")
        var steps: [(Double, Double)] = []
        for (member, next) in zip(front, front.dropFirst().map(Optional.some) + [nil]) {
            steps.append(panel.point(Double(member.complexity), member.testRMSE))
            if let next { steps.append(panel.point(Double(next.complexity), member.testRMSE)) }
        }
        canvas.polyline(steps, color: frontColor, width: 1.2)
        for member in front {
            let (px, py) = panel.point(Double(member.complexity), member.testRMSE)
            canvas.circle(x: px, y: py, radius: 3.5, color: frontColor)
        }
        guard let chosen = front.first(where: \.isChosen) else { return }
        let (cx, cy) = panel.point(Double(chosen.complexity), chosen.testRMSE)
        canvas.ring(x: cx, y: cy, radius: 7.5, color: chosenColor, width: 2)
        // Beside the ring, on the side with room.
        let labelWidth = canvas.textWidth("chosen", size: 12)
        let labelX = cx + 11 + labelWidth < panel.x + panel.width ? cx + 11 : cx - 11 - labelWidth
        canvas.text("chosen", x: labelX, y: max(panel.y + 14, cy - 9), size: 12, color: chosenColor, centered: false)
    }

    /// Panel (b): predicted against measured on equal axes, the diagonal y = x dashed beneath the rows' points.
    private static func drawPredictions(_ pairs: [(measured: Double, predicted: Double)], target: String, on canvas: Canvas) {
        let every = max(1, Int((Double(pairs.count) / Double(maximumRows)).rounded(.up)))
        let shown = stride(from: 0, to: pairs.count, by: every).map { pairs[$0] }
        let axis = PlotAxis.linear(spanning: shown.map(\.measured) + shown.map(\.predicted))
        let panel = PlotPanel(x: 560, y: 70, width: 330, height: 330, horizontal: axis, vertical: axis)
        let rows = shown.count == pairs.count ? "\(pairs.count) test rows" : "\(shown.count) of \(pairs.count) test rows"
        panel.drawAxes(on: canvas, horizontalLabel: "measured \(target)", verticalLabel: "predicted \(target)",
                       title: "(b) predicted against measured, \(rows)")
        canvas.line(from: panel.point(axis.low, axis.low), to: panel.point(axis.high, axis.high), color: .gray, dash: [5, 4])
        canvas.text("y = x", x: panel.x + panel.width - 48, y: panel.y + 14, size: 11, color: .gray, centered: false)
        canvas.dots(shown.map { panel.point($0.measured, $0.predicted) }, radius: 2, color: rowColor)
    }
}
