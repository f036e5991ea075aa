import Foundation

/// A chart's plotting area on a canvas: a frame at `x, y` (top left) of `width` by `height` points with an axis
/// along its bottom and its left side, and where a data point `(u, v)` is drawn in it.
struct PlotPanel {
    let x: Double
    let y: Double
    let width: Double
    let height: Double
    let horizontal: PlotAxis
    let vertical: PlotAxis

    /// The canvas point of the data point `(u, v)`.
    func point(_ u: Double, _ v: Double) -> (Double, Double) {
        (x + width * horizontal.fraction(u), y + height * (1 - vertical.fraction(v)))
    }

    /// The frame, each axis's ticks and tick labels, the axes' labels (the vertical one reading upwards) and a
    /// title above the frame.
    func drawAxes(on canvas: Canvas, horizontalLabel: String, verticalLabel: String, title: String? = nil) {
        canvas.rectangle(x: x, y: y, width: width, height: height, stroke: .gray)
        let size = 11.0
        for tick in horizontal.ticks {
            let tx = x + width * horizontal.fraction(tick.value)
            canvas.line(from: (tx, y + height), to: (tx, y + height + 4), color: .black)
            canvas.text(tick.label, x: tx, y: y + height + 17, size: size)
        }
        var widest = 0.0
        for tick in vertical.ticks {
            let ty = y + height * (1 - vertical.fraction(tick.value))
            canvas.line(from: (x - 4, ty), to: (x, ty), color: .black)
            let labelWidth = canvas.textWidth(tick.label, size: size)
            widest = max(widest, labelWidth)
            canvas.text(tick.label, x: x - 7 - labelWidth, y: ty + 4, size: size, centered: false)
        }
        canvas.text(horizontalLabel, x: x + width / 2, y: y + height + 38, size: 12)
        canvas.text(verticalLabel, x: x - widest - 16, y: y + height / 2, size: 12, vertical: true)
        if let title { canvas.text(title, x: x + width / 2, y: y - 10, size: 12) }
    }
}
