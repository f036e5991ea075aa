import Foundation
@testable import Plotting
import Testing
import TestSupport

/// `RecoveryBar` and `RecoveryPlotter`: bars counted from outcomes, drawn to scale and labelled.
@Suite("Recovery chart")
struct RecoveryChartTests {
    static func rgb(_ color: Canvas.Color) -> [Double] { [color.red, color.green, color.blue] }

    static let outcomes: [(variables: Int, recovered: Bool)] = [(2, true), (1, false), (2, false), (2, true), (3, true), (2, true)]

    @Test("a bar per number of variables, fewest first, with its recovered and missed counts")
    func tally() {
        #expect(RecoveryBar.tally(Self.outcomes) == [RecoveryBar(variables: 1, recovered: 0, missed: 1),
                                                     RecoveryBar(variables: 2, recovered: 3, missed: 1),
                                                     RecoveryBar(variables: 3, recovered: 1, missed: 0)])
        #expect(RecoveryBar.tally([]).isEmpty)
    }

    @Test("SVG: each part of a bar as tall as its count, the counts and recovered/total labelled, the noise in the title")
    func chart() throws {
        let url = PlottingTests.temporary("recovery.svg")
        defer { try? FileManager.default.removeItem(at: url) }
        let bars = RecoveryBar.tally(Self.outcomes)
        let canvas = try RecoveryPlotter.render(bars, noise: 0.01, url: url)
        try canvas.write()
        let document = try SVGDocument(contentsOf: url)
        #expect(document.root == "svg")
        // The legend's swatches sit above the panel (y < 60); the bars' parts below.
        let parts = { (color: Canvas.Color) in
            document.filled(Self.rgb(color)).map(\.bounds).filter { $0.y >= 60 }.sorted { $0.x < $1.x }
        }
        let recovered = parts(RecoveryPlotter.recoveredColor), missed = parts(RecoveryPlotter.missedColor)
        #expect(recovered.count == 2 && missed.count == 2, "bars 2 and 3 recovered something, bars 1 and 2 missed something")
        let unit = try #require(recovered.first).height / 3
        for (part, count) in zip(recovered + missed, [3, 1, 1, 1]) {
            expectClose(part.height, unit * Double(count), tolerance: 0.01)
        }
        for label in ["Exact recovery at noise 0.01: 4 of 6 equations", "input variables", "equations", "recovered", "not recovered",
                      "0/1", "3/4", "1/1", "1", "2", "3"] {
            #expect(canvas.texts.contains(label), "no '\(label)' among \(canvas.texts)")
        }
    }

    @Test("PNG by extension; no bars or an empty bar is an error")
    func formatsAndRefusals() throws {
        let png = PlottingTests.temporary("recovery.png")
        defer { try? FileManager.default.removeItem(at: png) }
        let canvas = try RecoveryPlotter.render(RecoveryBar.tally(Self.outcomes), noise: 0, url: png)
        try canvas.write()
        let size = try #require(pngSize(try Data(contentsOf: png)))
        #expect(size.width == Int(canvas.width) && size.height == Int(canvas.height))
        #expect(throws: PlotError.invalidSamples("no results to chart")) { try RecoveryPlotter.draw([], noise: 0, to: png) }
        #expect(throws: PlotError.self) { try RecoveryPlotter.draw([RecoveryBar(variables: 2, recovered: 0, missed: 0)], noise: 0, to: png) }
    }
}
