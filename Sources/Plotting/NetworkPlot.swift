import Foundation
import KAN
import Optimization

/// Options of a network plot, as pykan's `plot(beta=3, in_vars=..., out_vars=..., title=...)`.
public struct NetworkPlotOptions: Sendable {
    /// Edge opacity is `tanh(beta * score)`, the score being the edge's attribution score, as pykan's.
    public var beta: Double
    /// Divide every layer's scores by its largest first, so its most important edge is opaque (pykan's later
    /// `norm_alpha`).
    public var normalizeOpacity: Bool
    public var inputNames: [String]?
    public var outputNames: [String]?
    public var title: String?
    /// A wider input layer shows only its most important inputs.
    public var maxInputs: Int

    public init(beta: Double = 3, normalizeOpacity: Bool = false, inputNames: [String]? = nil, outputNames: [String]? = nil,
                title: String? = nil, maxInputs: Int = 16) {
        self.beta = beta
        self.normalizeOpacity = normalizeOpacity
        self.inputNames = inputNames
        self.outputNames = outputNames
        self.title = title
        self.maxInputs = maxInputs
    }
}

/// Where everything of a network plot goes: node rows from the inputs (bottom) to the outputs (top), and
/// between two rows one box per live edge, in which that edge's curve is drawn. Computed apart from drawing so
/// that tests can check it.
public struct NetworkLayout: Sendable {
    /// One edge's box: its layer, input and output, and where it is drawn.
    public struct Box: Sendable {
        public let layer: Int, input: Int, output: Int
        public let x: Double, y: Double
        public let size: Double
    }

    public let width: Double
    public let height: Double
    /// Per node layer, the nodes shown and their x positions; the row's y.
    public let shownNodes: [[Int]]
    public let nodeX: [[Double]]
    public let rowY: [Double]
    public let boxes: [Box]
    /// Inputs left out of a wide input layer.
    public let hiddenInputs: Int

    static let boxSize = 44.0, gap = 10.0, rowGap = 170.0, margin = 60.0

    /// Where an edge into `subnode` of layer `layerIndex` ends: the node itself for a sum node; for a
    /// multiplication node, one of a row of points just below it, one per subnode.
    func subnodePoint(layer: KANLayer, layerIndex l: Int, subnode: Int) -> (Double, Double) {
        let node = layer.node(ofSubnode: subnode)
        let x = nodeX[l + 1][shownNodes[l + 1].firstIndex(of: node)!], y = rowY[l + 1]
        guard node >= layer.sumNodes else { return (x, y) }
        let group = layer.subnodes(ofNode: node)
        let offset = (Double(subnode - group.lowerBound) - Double(group.count - 1) / 2) * 12
        return (x + offset, y + 26)
    }

    public init(model: KANModel, nodeScores: [[Double]], maxInputs: Int) {
        let depth = model.layers.count
        var shown = model.width.map { Array(0..<$0) }
        if model.width[0] > maxInputs {
            shown[0] = Array(nodeScores[0].indices.sorted { nodeScores[0][$0] > nodeScores[0][$1] }.prefix(maxInputs)).sorted()
        }
        hiddenInputs = model.width[0] - shown[0].count
        let live = { (l: Int, i: Int, o: Int) -> Bool in
            let e = model.layers[l].edgeIndex(input: i, output: o)
            return model.layers[l].mask[e] != 0 || model.layers[l].symbolic[e] != nil
        }
        // Edges end at subnodes: a sum node's one, or each of a multiplication node's.
        let targets = (0..<depth).map { l in shown[l + 1].flatMap { Array(model.layers[l].subnodes(ofNode: $0)) } }
        let edgesPerLayer = (0..<depth).map { l in shown[l].flatMap { i in targets[l].filter { o in live(l, i, o) } }.count }
        let widest = max(edgesPerLayer.max() ?? 1, shown.map(\.count).max() ?? 1)
        let width = max(420, Double(widest) * (Self.boxSize + Self.gap) + 2 * Self.margin)
        let height = Double(depth) * Self.rowGap + 2 * Self.margin + 40
        let rowY = (0...depth).map { l in height - Self.margin - 20 - Double(l) * Self.rowGap }
        nodeX = shown.map { nodes in
            nodes.indices.map { index in Self.margin + (width - 2 * Self.margin) * (Double(index) + 0.5) / Double(nodes.count) }
        }
        self.width = width
        self.height = height
        self.rowY = rowY
        var boxes: [Box] = []
        for l in 0..<depth {
            let pairs = shown[l].flatMap { i in targets[l].filter { o in live(l, i, o) }.map { (i, $0) } }
            let rowWidth = Double(pairs.count) * (Self.boxSize + Self.gap) - Self.gap
            let start = (width - rowWidth) / 2
            let y = (rowY[l] + rowY[l + 1]) / 2 - Self.boxSize / 2
            for (index, (i, o)) in pairs.enumerated() {
                boxes.append(Box(layer: l, input: i, output: o, x: start + Double(index) * (Self.boxSize + Self.gap), y: y, size: Self.boxSize))
            }
        }
        self.boxes = boxes
        shownNodes = shown
    }
}

/// Draws a KAN as pykan's `plot` does: nodes, and each live edge as a small box with its learned curve on the
/// samples' values, opacity `tanh(beta * score)` from the attribution scores, symbolic edges in red and labelled
/// with their function.
public enum NetworkPlotter {
    /// Draws `model` to `url` (PNG, SVG or PDF by its extension), each edge's curve over the range of `samples`
    /// (the rows that reach its input), written atomically.
    public static func draw(_ model: KANModel, samples: Matrix, to url: URL, options: NetworkPlotOptions = NetworkPlotOptions()) throws(PlotError) {
        let attribution: Attribution, acts: [Matrix]
        do {
            attribution = try model.attribute(samples: samples)
            acts = try model.activations(samples)
        } catch {
            throw .invalidSamples(error.description)
        }
        if let names = options.inputNames, names.count != model.inputCount {
            throw .invalidSamples("\(names.count) input names for \(model.inputCount) inputs")
        }
        if let names = options.outputNames, names.count != model.outputCount {
            throw .invalidSamples("\(names.count) output names for \(model.outputCount) outputs")
        }
        let layout = NetworkLayout(model: model, nodeScores: attribution.nodeScores, maxInputs: options.maxInputs)
        let canvas = try Canvas(width: layout.width, height: layout.height, url: url)
        let layerMaxima = attribution.edgeScores.map { $0.max() ?? 0 }
        if let title = options.title { canvas.text(title, x: layout.width / 2, y: 28, size: 16) }
        for box in layout.boxes {
            let layer = model.layers[box.layer]
            let e = layer.edgeIndex(input: box.input, output: box.output)
            let maximum = layerMaxima[box.layer]
            let score = attribution.edgeScores[box.layer][e] / (options.normalizeOpacity && maximum > 0 ? maximum : 1)
            // pykan's opacity, but never below the faintest alpha Cairo still draws (1/255): an edge whose score
            // is ~0 stays invisible to the eye yet present in the file, one curve per live edge.
            let alpha = score.isFinite ? max(tanh(options.beta * score), 1.0 / 255) : 1.0 / 255
            drawEdge(box, edge: e, of: layer, layout: layout, inputValues: acts[box.layer].column(box.input), alpha: alpha, on: canvas)
        }
        let inputNames = options.inputNames ?? (1...model.inputCount).map { "x\($0)" }
        let outputNames = options.outputNames ?? (1...model.outputCount).map { model.outputCount == 1 ? "y" : "y\($0)" }
        drawNodes(of: model, layout: layout, inputNames: inputNames, outputNames: outputNames, on: canvas)
        if layout.hiddenInputs > 0 {
            canvas.text("+\(layout.hiddenInputs) less important inputs not shown", x: layout.width / 2, y: layout.height - 12, size: 11, color: .gray)
        }
        try canvas.write()
    }

    /// The colour of a spline edge's curve.
    private static let splineColor = Canvas.Color(red: 0.12, green: 0.25, blue: 0.5)
    /// The colour of a symbolic edge's curve and label.
    private static let symbolicColor = Canvas.Color(red: 0.75, green: 0.22, blue: 0.17)

    /// One live edge (`e` in its layer) at opacity `alpha`: the connectors from its input node to its box and from
    /// the box to its subnode, the box with the edge's curve at `inputValues` (its input's values on the samples),
    /// and for a symbolic edge the function's name below the box.
    private static func drawEdge(_ box: NetworkLayout.Box, edge e: Int, of layer: KANLayer, layout: NetworkLayout,
                                 inputValues: [Double], alpha: Double, on canvas: Canvas) {
        let inputX = layout.nodeX[box.layer][layout.shownNodes[box.layer].firstIndex(of: box.input)!]
        let end = layout.subnodePoint(layer: layer, layerIndex: box.layer, subnode: box.output)
        var connector = Canvas.Color.gray
        connector.alpha = alpha
        canvas.line(from: (inputX, layout.rowY[box.layer]), to: (box.x + box.size / 2, box.y + box.size), color: connector)
        canvas.line(from: (box.x + box.size / 2, box.y), to: end, color: connector)
        var frame = Canvas.Color.black
        frame.alpha = alpha
        canvas.rectangle(x: box.x, y: box.y, width: box.size, height: box.size, stroke: frame, fill: Canvas.Color(red: 1, green: 1, blue: 1))
        let symbolic = layer.symbolic[e]
        var color = symbolic != nil ? symbolicColor : splineColor
        color.alpha = alpha
        canvas.polyline(curve(in: box, of: layer, inputValues: inputValues), color: color)
        if let symbolic {
            canvas.text(symbolic.name, x: box.x + box.size / 2, y: box.y + box.size + 12, size: 9, color: symbolicColor)
        }
    }

    /// The edge's curve in its box, as pykan draws the cached activations: its output at the values its input takes
    /// on the samples (at most 200 of them, evenly through the sorted values), scaled to fill the box but for a
    /// 4-point margin; non-finite outputs are left out.
    private static func curve(in box: NetworkLayout.Box, of layer: KANLayer, inputValues: [Double]) -> [(Double, Double)] {
        let sorted = inputValues.sorted()
        let stride = max(1, sorted.count / 200)
        let xs = sorted.indices.filter { $0 % stride == 0 || $0 == sorted.count - 1 }.map { sorted[$0] }
        let low = xs.first ?? -1, high = xs.last ?? 1
        let ys = layer.edgeOutput(input: box.input, output: box.output, at: xs)
        let finite = ys.filter(\.isFinite)
        let bottom = finite.min() ?? 0, top = finite.max() ?? 1
        let span = top - bottom > 1e-12 ? top - bottom : 1
        return zip(xs, ys).filter { $0.1.isFinite }.map { x, y in
            (box.x + 4 + (box.size - 8) * (high > low ? (x - low) / (high - low) : 0.5),
             box.y + box.size - 4 - (box.size - 8) * (top - bottom > 1e-12 ? (y - bottom) / span : 0.5))
        }
    }

    /// Every shown node: a dot for a sum node, a multiplication node as pykan draws it; inputs named below, outputs
    /// above.
    private static func drawNodes(of model: KANModel, layout: NetworkLayout, inputNames: [String], outputNames: [String],
                                  on canvas: Canvas) {
        for (l, nodes) in layout.shownNodes.enumerated() {
            for (index, node) in nodes.enumerated() {
                let x = layout.nodeX[l][index], y = layout.rowY[l]
                if l > 0, node >= model.layers[l - 1].sumNodes {
                    drawMultiplicationNode(node, of: model.layers[l - 1], layerIndex: l - 1, at: (x, y), layout: layout, on: canvas)
                } else {
                    canvas.circle(x: x, y: y, radius: 4, color: .black)
                }
                if l == 0 { canvas.text(inputNames[node], x: x, y: y + 20, size: 12) }
                if l == model.layers.count { canvas.text(outputNames[node], x: x, y: y - 12, size: 12) }
            }
        }
    }

    /// A multiplication node among the outputs of `layer` (the layer at `layerIndex`), drawn at `center` as pykan
    /// draws it: a small box with a cross, its subnodes as dots below joined to it.
    private static func drawMultiplicationNode(_ node: Int, of layer: KANLayer, layerIndex: Int, at center: (Double, Double),
                                               layout: NetworkLayout, on canvas: Canvas) {
        let (x, y) = center
        for subnode in layer.subnodes(ofNode: node) {
            let point = layout.subnodePoint(layer: layer, layerIndex: layerIndex, subnode: subnode)
            canvas.circle(x: point.0, y: point.1, radius: 2.5, color: .black)
            canvas.line(from: point, to: (x, y + 7), color: .black)
        }
        canvas.rectangle(x: x - 7, y: y - 7, width: 14, height: 14, stroke: .black, fill: Canvas.Color(red: 1, green: 1, blue: 1))
        canvas.text("×", x: x, y: y + 4, size: 12)
    }
}
