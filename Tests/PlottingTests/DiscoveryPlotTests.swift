import Foundation
@testable import Plotting
import Testing
import TestSupport

/// `DiscoveryPlotter`: the figure's two panels as files of each format, what they hold, and the axes they use.
@Suite("Discovery figure")
struct DiscoveryPlotTests {
    static func rgb(_ color: Canvas.Color) -> [Double] { [color.red, color.green, color.blue] }

    /// A front of three members, the last (exact, error 0) chosen, and `rows` test rows predicted within 1%.
    static func figure(rows: Int = 50, formula: String = "m*g*z") -> DiscoveryFigure {
        let measured = (0..<rows).map { 1 + Double($0) / 10 }
        return DiscoveryFigure(front: [.init(complexity: 9, testRMSE: 0, isChosen: true), .init(complexity: 3, testRMSE: 0.5, isChosen: false),
                                       .init(complexity: 5, testRMSE: 0.02, isChosen: false)],
                               measured: measured, predicted: measured.enumerated().map { $0.element * ($0.offset % 2 == 0 ? 1.01 : 0.99) },
                               target: "U", formula: formula)
    }

    @Test("SVG: well-formed, root <svg>; a point per front member, one ring for the chosen, one dot per test row; the labels")
    func svg() throws {
        let url = PlottingTests.temporary("discovery.svg")
        defer { try? FileManager.default.removeItem(at: url) }
        let canvas = try DiscoveryPlotter.render(Self.figure(), url: url)
        try canvas.write()
        let document = try SVGDocument(contentsOf: url)
        #expect(document.root == "svg")
        #expect(document.filled(Self.rgb(DiscoveryPlotter.frontColor)).count == 3, "one point per front member")
        #expect(document.stroked(Self.rgb(DiscoveryPlotter.chosenColor)).count == 1, "one ring, around the chosen")
        let rows = document.filled(Self.rgb(DiscoveryPlotter.rowColor))
        #expect(rows.count == 1 && rows.first?.subpaths == 50, "the 50 test rows, as one shape")
        for label in ["U = m*g*z", "(a) Pareto front", "complexity", "test RMSE", "chosen", "measured U", "predicted U", "y = x",
                      "(b) predicted against measured, 50 test rows", "0", "0.01", "0.1", "1"] {
            #expect(canvas.texts.contains(label), "no '\(label)' among \(canvas.texts)")
        }
    }

    @Test("the chosen ring is drawn around the chosen member's point, and steps join the members simplest first")
    func chosenMarker() throws {
        let url = PlottingTests.temporary("chosen.svg")
        defer { try? FileManager.default.removeItem(at: url) }
        try DiscoveryPlotter.draw(Self.figure(), to: url)
        let document = try SVGDocument(contentsOf: url)
        let points = document.filled(Self.rgb(DiscoveryPlotter.frontColor)).map(\.bounds).sorted { $0.x < $1.x }
        let ring = try #require(document.stroked(Self.rgb(DiscoveryPlotter.chosenColor)).first?.bounds)
        let chosen = try #require(points.last, "complexity 9 is rightmost")
        expectClose(ring.x + ring.width / 2, chosen.x + chosen.width / 2, tolerance: 0.01)
        expectClose(ring.y + ring.height / 2, chosen.y + chosen.height / 2, tolerance: 0.01)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.y < $1.y }, "the error falls from member to member")
        let steps = try #require(document.stroked(Self.rgb(DiscoveryPlotter.frontColor)).first)
        #expect(steps.subpaths == 1 && steps.outline.split(separator: " ").filter { $0 == "L" }.count == 4, "3 members: 2 steps of 2 lines")
    }

    @Test("thousands of test rows: 500 drawn, evenly through them, and the panel says so; a long formula is shortened")
    func manyRowsLongFormula() throws {
        let url = PlottingTests.temporary("many.svg")
        defer { try? FileManager.default.removeItem(at: url) }
        let long = Array(repeating: "sin(x1)", count: 400).joined(separator: " + ")
        let canvas = try DiscoveryPlotter.render(Self.figure(rows: 2000, formula: long), url: url)
        try canvas.write()
        #expect(try SVGDocument(contentsOf: url).filled(Self.rgb(DiscoveryPlotter.rowColor)).first?.subpaths == 500)
        #expect(canvas.texts.contains("(b) predicted against measured, 500 of 2000 test rows"))
        let title = try #require(canvas.texts.first { $0.hasPrefix("U = sin(x1) + ") })
        #expect(title.hasSuffix("...") && title.count < 200)
        #expect(canvas.textWidth(title, size: 15) <= canvas.width - 40)
    }

    @Test("PNG: the signature and the figure's size in IHDR; PDF: %PDF to %%EOF")
    func pngAndPDF() throws {
        let png = PlottingTests.temporary("discovery.png"), pdf = PlottingTests.temporary("discovery.pdf")
        defer { for url in [png, pdf] { try? FileManager.default.removeItem(at: url) } }
        let canvas = try DiscoveryPlotter.render(Self.figure(), url: png)
        try canvas.write()
        let size = try #require(pngSize(try Data(contentsOf: png)))
        #expect(size.width == Int(canvas.width) && size.height == Int(canvas.height))
        try DiscoveryPlotter.draw(Self.figure(), to: pdf)
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(text.hasPrefix("%PDF") && text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("%%EOF"))
    }

    @Test("an empty front, counts that differ, no finite row, or an unknown extension: an error, no file")
    func refusals() throws {
        var empty = Self.figure(), uneven = Self.figure(), infinite = Self.figure()
        empty.front = []
        uneven.predicted.removeLast()
        infinite.predicted = infinite.predicted.map { _ in .infinity }
        let url = PlottingTests.temporary("bad.svg")
        #expect(throws: PlotError.invalidSamples("the Pareto front has no member with a finite test RMSE")) { try DiscoveryPlotter.draw(empty, to: url) }
        #expect(throws: PlotError.invalidSamples("50 measured values but 49 predictions")) { try DiscoveryPlotter.draw(uneven, to: url) }
        #expect(throws: PlotError.invalidSamples("no test row has a finite measured value and prediction")) { try DiscoveryPlotter.draw(infinite, to: url) }
        let gif = PlottingTests.temporary("figure.gif")
        #expect(throws: PlotError.unsupportedFormat(gif.path)) { try DiscoveryPlotter.draw(Self.figure(), to: gif) }
        #expect(!FileManager.default.fileExists(atPath: url.path) && !FileManager.default.fileExists(atPath: gif.path))
    }

    /// Axes: (values, logarithmic, expected low, high, tick labels).
    static let axes: [([Double], Bool, Double, Double, [String])] = [
        ([0.3, 9.7], false, 0, 10, ["0", "2", "4", "6", "8", "10"]),
        ([-0.93, 0.98], false, -1, 1, ["-1", "-0.5", "0", "0.5", "1"]),
        ([5, 5], false, 4.4, 5.6, ["4.4", "4.6", "4.8", "5", "5.2", "5.4", "5.6"]),
        ([0.5, 0.003], true, 0.001, 1, ["0.001", "0.01", "0.1", "1"]),
        ([0, 0.05], true, 0.001, 0.1, ["0", "0.01", "0.1"]),
        ([2e-12, 10], true, 1e-12, 10, ["1e-12", "1e-9", "1e-6", "0.001", "1"]),
    ]

    @Test("axes: round ticks about five apart; whole decades on a log scale, 0 on the line below the smallest error", arguments: axes)
    func axis(values: [Double], logarithmic: Bool, low: Double, high: Double, labels: [String]) {
        let axis = logarithmic ? PlotAxis.logarithmic(spanning: values) : PlotAxis.linear(spanning: values)
        expectClose(axis.low, low, tolerance: 1e-12 * max(1, abs(low)))
        expectClose(axis.high, high, tolerance: 1e-12 * max(1, abs(high)))
        #expect(axis.ticks.map(\.label) == labels)
        #expect(values.allSatisfy { (0...1).contains(axis.fraction($0)) })
    }
}
