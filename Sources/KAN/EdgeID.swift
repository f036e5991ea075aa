/// One edge of a KAN: layer `layer`, from input node `input` to output node `output` (pykan's `(l, i, j)`),
/// printed as `(0,2,0)`.
public struct EdgeID: Hashable, Sendable, CustomStringConvertible {
    public var layer: Int
    public var input: Int
    public var output: Int

    public init(layer: Int, input: Int, output: Int) {
        self.layer = layer
        self.input = input
        self.output = output
    }

    public var description: String { "(\(layer),\(input),\(output))" }
}

extension KANLayer {
    /// Where edge `(input, output)` sits in the per-edge arrays (`mask`, `scaleBase`, `symbolic`, ...).
    public func edgeIndex(input: Int, output: Int) -> Int { input * outputs + output }

    /// The edge at `index` of the per-edge arrays, as `(input, output)`.
    public func edge(at index: Int) -> (input: Int, output: Int) { (index / outputs, index % outputs) }
}

extension KANModel {
    /// Every edge of the model, layer by layer, inputs then outputs.
    public var edges: [EdgeID] {
        layers.indices.flatMap { l in
            (0..<layers[l].inputs).flatMap { i in (0..<layers[l].outputs).map { o in EdgeID(layer: l, input: i, output: o) } }
        }
    }

    /// Throws unless the model has edge `edge`.
    public func check(_ edge: EdgeID) throws(KANError) {
        guard layers.indices.contains(edge.layer), (0..<layers[edge.layer].inputs).contains(edge.input),
              (0..<layers[edge.layer].outputs).contains(edge.output) else {
            throw .noSuchEdge(edge, width: width)
        }
    }

    /// Where `edge` sits in its layer's per-edge arrays.
    func index(of edge: EdgeID) -> Int { layers[edge.layer].edgeIndex(input: edge.input, output: edge.output) }

    /// The library function `edge` is fixed to, or nil for a spline or pruned edge.
    public func symbolic(_ edge: EdgeID) -> SymbolicEdge? { layers[edge.layer].symbolic[index(of: edge)] }

    /// Whether `edge` is live (not pruned or masked) and still a spline.
    public func isSpline(_ edge: EdgeID) -> Bool {
        let e = index(of: edge)
        return layers[edge.layer].symbolic[e] == nil && layers[edge.layer].mask[e] != 0
    }

    /// The live edges that are still splines (not fixed to a library function and not pruned), in order.
    public var splineEdges: [EdgeID] { edges.filter(isSpline) }
}
