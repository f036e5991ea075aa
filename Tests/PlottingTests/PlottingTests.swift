import Datasets
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif
import KAN
import Optimization
@testable import Plotting
import Symbolic
import Testing

@Suite("Plots")
struct PlottingTests {
    static let data = try! Dataset(expression: try! Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 300, testCount: 100, seed: 0)

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-plot-\(UUID().uuidString)-\(name)")
    }

    static func liveEdges(_ model: KANModel) -> (splines: Int, symbolic: Int) {
        var splines = 0, symbolic = 0
        for layer in model.layers {
            for e in layer.mask.indices {
                if layer.symbolic[e] != nil { symbolic += 1 } else if layer.mask[e] != 0 { splines += 1 }
            }
        }
        return (splines, symbolic)
    }

    /// True when the file is well-formed XML.
    static func wellFormed(_ url: URL) throws -> Bool {
        let parser = XMLParser(data: try Data(contentsOf: url))
        return parser.parse()
    }

    static func count(_ needle: String, in url: URL) throws -> Int {
        try String(contentsOf: url, encoding: .utf8).components(separatedBy: needle).count - 1
    }

    @Test("the SVG is well-formed and has one curve per live edge, before and after pruning and fixing")
    func curves() throws {
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        try model.fit(Self.data, options: FitOptions(steps: 20, regularization: Regularization(lamb: 0.001)))
        var pruned = try model.pruned(samples: Self.data.trainInputs)
        try pruned.fixSymbolic(EdgeID(layer: 0, input: 0, output: 0), function: try FunctionLibrary.standard().function(named: "sin"),
                               constants: .init(a: 3.14, b: 0, c: 1, d: 0))
        for candidate in [model, pruned] {
            let url = Self.temporary("net.svg")
            defer { try? FileManager.default.removeItem(at: url) }
            try NetworkPlotter.draw(candidate, samples: Self.data.trainInputs, to: url, options: NetworkPlotOptions(title: "test"))
            #expect(try Self.wellFormed(url))
            let (splines, symbolic) = Self.liveEdges(candidate)
            #expect(try Self.count("stroke:rgb(12%,25%,50%)", in: url) == splines)
            #expect(try Self.count("stroke:rgb(75%,22%,17%)", in: url) == symbolic)
        }
    }

    @Test("multiplication nodes: a curve per edge into each subnode, the subnodes' dots apart below their node")
    func multiplicationNodes() throws {
        let model = try KANModel(KANConfiguration(width: [3, 2, 1], grid: 3, order: 3, seed: 1, multArity: [[], [3], []]))
        let url = Self.temporary("mult.svg")
        defer { try? FileManager.default.removeItem(at: url) }
        try NetworkPlotter.draw(model, samples: Matrix(rows: 20, columns: 3, values: (0..<60).map { Double($0 % 7) / 3 - 1 }), to: url)
        #expect(try Self.wellFormed(url))
        // 3 inputs x (1 sum subnode + 3 product subnodes), then 2 nodes x 1 output.
        #expect(try Self.count("stroke:rgb(12%,25%,50%)", in: url) == 3 * 4 + 2)
        let layout = NetworkLayout(model: model, nodeScores: [[1, 1, 1], [1, 1], [1]], maxInputs: 16)
        let points = (1...3).map { layout.subnodePoint(layer: model.layers[0], layerIndex: 0, subnode: $0) }
        #expect(Set(points.map(\.0)).count == 3 && points.allSatisfy { $0.1 > layout.rowY[1] }, "subnode dots apart, below the node")
    }

    @Test("boxes never overlap, up to [10,10,10]; a wide input layer shows its most important inputs")
    func layout() throws {
        let wide = try KANModel(width: [10, 10, 10], grid: 3, k: 3, seed: 0)
        let layout = NetworkLayout(model: wide, nodeScores: wide.width.map { [Double](repeating: 1, count: $0) }, maxInputs: 12)
        #expect(layout.boxes.count == 200)
        for l in 0..<2 {
            let row = layout.boxes.filter { $0.layer == l }.sorted { $0.x < $1.x }
            for (a, b) in zip(row, row.dropFirst()) { #expect(a.x + a.size < b.x) }
            #expect(row.first!.x >= 0 && row.last!.x + row.last!.size <= layout.width)
        }
        let mnist = try KANModel(width: [784, 10, 1], grid: 3, k: 3, seed: 0)
        var scores = mnist.width.map { [Double](repeating: 0, count: $0) }
        for i in [5, 400, 783] { scores[0][i] = 1 }
        let narrow = NetworkLayout(model: mnist, nodeScores: scores, maxInputs: 12)
        #expect(narrow.shownNodes[0].count == 12)
        #expect(narrow.hiddenInputs == 772)
        #expect([5, 400, 783].allSatisfy { narrow.shownNodes[0].contains($0) })
    }

    @Test("PNG and PDF by extension; training curves; unsupported formats and empty histories refused")
    func formats() throws {
        let model = try KANModel(width: [2, 2, 1], grid: 3, k: 3, seed: 0)
        for (name, signature) in [("net.png", [UInt8]([0x89, 0x50, 0x4E, 0x47])), ("net.pdf", Array("%PDF".utf8))] {
            let url = Self.temporary(name)
            defer { try? FileManager.default.removeItem(at: url) }
            try NetworkPlotter.draw(model, samples: Self.data.trainInputs, to: url)
            #expect(Array(try Data(contentsOf: url).prefix(4)) == signature)
        }
        var history = FitHistory()
        history.trainLoss = [1, 0.1, 0.01]
        history.testLoss = [1.2, 0.2, 0.02]
        history.regularization = [5, 4, 3]
        let url = Self.temporary("loss.svg")
        defer { try? FileManager.default.removeItem(at: url) }
        try LossPlotter.draw(history, to: url)
        try LossPlotter.draw(history, to: url, title: "again")  // replaces the existing file
        #expect(try Self.wellFormed(url))
        #expect(try Self.count("stroke-width:2", in: url) >= 3)
        #expect(throws: PlotError.emptyHistory) { try LossPlotter.draw(FitHistory(), to: url) }
        #expect(throws: PlotError.self) { try NetworkPlotter.draw(model, samples: Self.data.trainInputs, to: Self.temporary("net.gif")) }
    }
}
