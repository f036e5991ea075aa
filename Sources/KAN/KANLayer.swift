import Optimization
import Symbolic

/// One layer of a KAN: `inputs x outputs` edges, each `phi(x) = scale_base * b(x) + scale_sp * spline(x)`, every
/// output (a subnode) the sum of its incoming edges, then the node maps of pykan's MultKAN: each subnode's affine
/// map `u = subnode_scale * sum + subnode_bias`; a sum node is one subnode, a multiplication node the product of
/// its `arity` subnodes; then each node's affine map `out = node_scale * node + node_bias`.
///
/// Shapes (row-major, flat): `knots[input]` has `G + 2k + 1` knots (the grid of one input is shared by all its
/// edges, as in pykan); `coefficients[(input * (G + k) + j) * outputs + output]`; `scaleBase`, `scaleSpline` and
/// `mask` are `[input * outputs + output]`; the subnode affine vectors are `[output]`, the node ones `[node]`.
/// Subnodes are ordered as pykan's: the sum nodes' first, then each multiplication node's in turn.
public struct KANLayer: Codable, Sendable, Equatable {
    public private(set) var inputs: Int
    public private(set) var outputs: Int
    /// `G`, the number of grid intervals.
    public let gridSize: Int
    /// `k`, the spline order.
    public let order: Int
    public var baseFunction: BaseFunction
    public var knots: [[Double]]
    public var coefficients: [Double]
    public var scaleBase: [Double]
    public var scaleSpline: [Double]
    /// 1 for a live edge, 0 for a pruned one.
    public var mask: [Double]
    public var subnodeScale: [Double]
    public var subnodeBias: [Double]
    public var nodeScale: [Double]
    public var nodeBias: [Double]
    /// Edges fixed to library functions (`[input * outputs + output]`, nil for a spline edge). A fixed edge's
    /// spline is masked off; its function and constants take its place.
    public var symbolic: [SymbolicEdge?]
    /// The arities of the multiplication nodes, nil when there are none (so checkpoints of sum-only layers keep
    /// their earlier form).
    private var multiplication: [Int]?

    /// The arity of each multiplication node (pykan's `mult_arity`); empty for a layer of sum nodes.
    public var multiplicationArities: [Int] { multiplication ?? [] }
    /// The number of sum nodes: the first `sumNodes` subnodes, one each.
    public var sumNodes: Int { outputs - multiplicationArities.reduce(0, +) }
    /// The number of nodes this layer feeds (the next layer's inputs): sum nodes, then multiplication nodes.
    public var nodes: Int { sumNodes + multiplicationArities.count }

    /// The subnodes of node `node`: itself for a sum node, its `arity` subnodes for a multiplication node.
    public func subnodes(ofNode node: Int) -> Range<Int> {
        guard node >= sumNodes else { return node..<node + 1 }
        let start = sumNodes + multiplicationArities.prefix(node - sumNodes).reduce(0, +)
        return start..<start + multiplicationArities[node - sumNodes]
    }

    /// The node that subnode `subnode` belongs to.
    public func node(ofSubnode subnode: Int) -> Int {
        (0..<nodes).first { subnodes(ofNode: $0).contains(subnode) }!
    }

    /// `G + k`, the number of coefficients of one edge.
    public var coefficientsPerEdge: Int { gridSize + order }

    /// A layer initialised as pykan's `KANLayer`: a uniform grid on `gridRange`, spline coefficients fitted to
    /// uniform noise of amplitude `noiseScale / G`, `scale_base = mu / sqrt(in) + sigma * U(-1, 1) / sqrt(in)`,
    /// `scale_sp = scaleSpline / sqrt(in)`, masks 1, node affines the identity.
    public init(inputs: Int, outputs: Int, gridSize: Int, order: Int, gridRange: ClosedRange<Double> = -1...1,
                noiseScale: Double = 0.3, scaleBaseMu: Double = 0, scaleBaseSigma: Double = 1,
                scaleSpline: Double = 1, baseFunction: BaseFunction = .silu, multiplicationArities: [Int] = [],
                random: inout SeededRandom) {
        precondition(inputs > 0 && outputs > 0, "a layer needs at least one input and one output")
        precondition(multiplicationArities.allSatisfy { $0 >= 2 } && multiplicationArities.reduce(0, +) <= outputs,
                     "multiplication nodes need at least two subnodes each, among the outputs")
        precondition(gridSize > 0 && order >= 0, "grid size must be positive and order non-negative")
        self.inputs = inputs
        self.outputs = outputs
        self.gridSize = gridSize
        self.order = order
        self.baseFunction = baseFunction
        let grid = BSpline.uniformGrid(lower: gridRange.lowerBound, upper: gridRange.upperBound, intervals: gridSize)
        let extended = BSpline.extend(grid, by: order)
        knots = Array(repeating: extended, count: inputs)
        let n = gridSize + order
        coefficients = [Double](repeating: 0, count: inputs * n * outputs)
        for i in 0..<inputs {
            var noise = [Double](repeating: 0, count: (gridSize + 1) * outputs)
            for index in noise.indices { noise[index] = (random.uniform() - 0.5) * noiseScale / Double(gridSize) }
            let fitted = SplineLeastSquares.fit(knots: extended, order: order, xs: grid, ys: noise, outputs: outputs)
            coefficients.replaceSubrange(i * n * outputs..<(i + 1) * n * outputs, with: fitted)
        }
        let root = Double(inputs).squareRoot()
        scaleBase = (0..<inputs * outputs).map { _ in scaleBaseMu / root + scaleBaseSigma * (random.uniform() * 2 - 1) / root }
        self.scaleSpline = [Double](repeating: scaleSpline / root, count: inputs * outputs)
        mask = [Double](repeating: 1, count: inputs * outputs)
        subnodeScale = [Double](repeating: 1, count: outputs)
        subnodeBias = [Double](repeating: 0, count: outputs)
        multiplication = multiplicationArities.isEmpty ? nil : multiplicationArities
        let nodes = outputs - multiplicationArities.reduce(0, +) + multiplicationArities.count
        nodeScale = [Double](repeating: 1, count: nodes)
        nodeBias = [Double](repeating: 0, count: nodes)
        symbolic = [SymbolicEdge?](repeating: nil, count: inputs * outputs)
    }

    /// The spline part `spline(x) = sum_j c_j B_j(x)` of edge `(input, output)` at each of `xs`.
    public func spline(input: Int, output: Int, at xs: [Double]) -> [Double] {
        var evaluator = BasisEvaluator(knots: knots[input], order: order)
        var values = [Double](repeating: 0, count: order + 1), derivatives = values
        let n = coefficientsPerEdge
        return xs.map { x in
            let start = values.withUnsafeMutableBufferPointer { v in
                derivatives.withUnsafeMutableBufferPointer { d in evaluator.evaluate(x, values: v.baseAddress!, derivatives: d.baseAddress!) }
            }
            var sum = 0.0
            for r in 0...order { sum += values[r] * coefficients[(input * n + start + r) * outputs + output] }
            return sum
        }
    }

    /// The whole edge `phi(x)` of `(input, output)` at each of `xs`, mask included.
    public func edge(input: Int, output: Int, at xs: [Double]) -> [Double] {
        let e = edgeIndex(input: input, output: output)
        return zip(xs, spline(input: input, output: output, at: xs)).map { x, s in
            mask[e] * (scaleBase[e] * baseFunction.valueAndDerivative(x).0 + scaleSpline[e] * s)
        }
    }
}

extension KANLayer {
    /// The layer restricted to some of its inputs and the nodes it feeds (pykan's `get_subset`; a multiplication
    /// node keeps all its subnodes), everything else copied.
    func subset(inputs keptInputs: [Int], nodes keptNodes: [Int]) -> KANLayer {
        var layer = self
        let keptOutputs = keptNodes.flatMap { Array(subnodes(ofNode: $0)) }
        let arities = keptNodes.filter { $0 >= sumNodes }.map { multiplicationArities[$0 - sumNodes] }
        layer.multiplication = arities.isEmpty ? nil : arities
        layer.inputs = keptInputs.count
        layer.outputs = keptOutputs.count
        let n = coefficientsPerEdge
        layer.knots = keptInputs.map { knots[$0] }
        layer.coefficients = keptInputs.flatMap { i in (0..<n).flatMap { j in keptOutputs.map { o in coefficients[(i * n + j) * outputs + o] } } }
        func edges<T>(_ values: [T]) -> [T] { keptInputs.flatMap { i in keptOutputs.map { o in values[edgeIndex(input: i, output: o)] } } }
        layer.scaleBase = edges(scaleBase)
        layer.scaleSpline = edges(scaleSpline)
        layer.mask = edges(mask)
        layer.symbolic = edges(symbolic)
        layer.subnodeScale = keptOutputs.map { subnodeScale[$0] }
        layer.subnodeBias = keptOutputs.map { subnodeBias[$0] }
        layer.nodeScale = keptNodes.map { nodeScale[$0] }
        layer.nodeBias = keptNodes.map { nodeBias[$0] }
        return layer
    }

    /// Edge `(input, output)`'s whole output at each of `xs`: its spline part and its symbolic part.
    public func edgeOutput(input: Int, output: Int, at xs: [Double]) -> [Double] {
        let e = edgeIndex(input: input, output: output)
        var values = mask[e] == 0 ? [Double](repeating: 0, count: xs.count) : edge(input: input, output: output, at: xs)
        if let symbolic = symbolic[e] {
            for (index, x) in xs.enumerated() { values[index] += symbolic(x) }
        }
        return values
    }
}

