import Foundation
import KAN

/// Draws training curves: train loss, test loss and the regulariser against the step, on a log scale.
public enum LossPlotter {
    /// Draws `history` to `url` (PNG, SVG or PDF by its extension), written atomically.
    public static func draw(_ history: FitHistory, to url: URL, title: String? = nil) throws(PlotError) {
        let series: [(String, [Double], Canvas.Color)] = [
            ("train loss", history.trainLoss, Canvas.Color(red: 0.12, green: 0.35, blue: 0.7)),
            ("test loss", history.testLoss, Canvas.Color(red: 0.9, green: 0.45, blue: 0.1)),
            ("regularisation", history.regularization, Canvas.Color(red: 0.2, green: 0.6, blue: 0.3)),
        ].filter { !$0.1.isEmpty && $0.1.contains { $0 > 0 } }
        guard let steps = series.first?.1.count, steps > 0 else { throw .emptyHistory }
        let (width, height, left, right, top, bottom) = (640.0, 420.0, 70.0, 20.0, 40.0, 50.0)
        let canvas = try Canvas(width: width, height: height, url: url)
        let logs = series.flatMap { $0.1.filter { $0 > 0 && $0.isFinite }.map(log10) }
        let low = floor(logs.min() ?? -1), high = ceil(logs.max() ?? 0) == floor(logs.min() ?? -1) ? floor(logs.min() ?? -1) + 1 : ceil(logs.max() ?? 0)
        func x(_ step: Int) -> Double { left + (width - left - right) * (steps > 1 ? Double(step) / Double(steps - 1) : 0.5) }
        func y(_ value: Double) -> Double { height - bottom - (height - top - bottom) * (log10(value) - low) / (high - low) }
        canvas.rectangle(x: left, y: top, width: width - left - right, height: height - top - bottom, stroke: .gray)
        for exponent in Int(low)...Int(high) {
            let yy = y(pow(10, Double(exponent)))
            canvas.line(from: (left - 4, yy), to: (left, yy), color: .black)
            canvas.text("1e\(exponent)", x: left - 30, y: yy + 4, size: 10)
        }
        for step in Set([0, steps / 2, steps - 1]).sorted() {
            canvas.text("\(step + 1)", x: x(step), y: height - bottom + 16, size: 10)
        }
        canvas.text("step", x: (left + width - right) / 2, y: height - 12, size: 11)
        if let title { canvas.text(title, x: width / 2, y: 24, size: 14) }
        for (index, (name, values, color)) in series.enumerated() {
            let points = values.enumerated().filter { $0.element > 0 && $0.element.isFinite }.map { (x($0.offset), y($0.element)) }
            canvas.polyline(points, color: color, width: 2)
            canvas.line(from: (width - right - 150, top + 16 + Double(index) * 16), to: (width - right - 130, top + 16 + Double(index) * 16), color: color, width: 2)
            canvas.text(name, x: width - right - 124, y: top + 20 + Double(index) * 16, size: 11, centered: false)
        }
        try canvas.write()
    }
}
