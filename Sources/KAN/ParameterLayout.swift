import Symbolic

/// Where each trainable parameter sits in the one flat vector that optimisers, gradient checks and (later) the
/// symbolic fitter share. Per layer, in order: spline coefficients, `scale_base` and `scale_sp` when trainable,
/// then the four node affine vectors when `affineTrainable` (subnode scale and bias per output, node scale and bias
/// per node).
struct ParameterLayout {
    struct LayerOffsets {
        var coefficients: Range<Int>
        var scaleBase: Range<Int>?
        var scaleSpline: Range<Int>?
        var affine: Range<Int>?  // subnodeScale, subnodeBias (each `outputs` long), nodeScale, nodeBias (each `nodes`)
        /// a, b, c, d of every symbolic edge, in edge order.
        var symbolic: Range<Int>
        var symbolicEdges: [Int]
    }

    let layers: [LayerOffsets]
    let count: Int

    init(_ model: KANModel) {
        var offset = 0
        func take(_ length: Int) -> Range<Int> {
            defer { offset += length }
            return offset..<offset + length
        }
        let configuration = model.configuration
        layers = model.layers.map { layer in
            // One sweep over the edges (every pass makes a layout; a wide layer has tens of thousands).
            let symbolicEdges = layer.symbolic.indices.filter { layer.symbolic[$0] != nil }
            return LayerOffsets(
                coefficients: take(layer.coefficients.count),
                scaleBase: configuration.baseScaleTrainable ? take(layer.inputs * layer.outputs) : nil,
                scaleSpline: configuration.splineScaleTrainable ? take(layer.inputs * layer.outputs) : nil,
                affine: configuration.affineTrainable ? take(2 * layer.outputs + 2 * layer.nodes) : nil,
                symbolic: take(4 * symbolicEdges.count),
                symbolicEdges: symbolicEdges)
        }
        count = offset
    }
}

extension KANModel {
    /// The number of trainable parameters.
    public var parameterCount: Int { ParameterLayout(self).count }

    /// All trainable parameters as one vector.
    public func parameterVector() -> [Double] {
        let layout = ParameterLayout(self)
        var vector = [Double](repeating: 0, count: layout.count)
        for (layer, offsets) in zip(layers, layout.layers) {
            vector.replaceSubrange(offsets.coefficients, with: layer.coefficients)
            if let range = offsets.scaleBase { vector.replaceSubrange(range, with: layer.scaleBase) }
            if let range = offsets.scaleSpline { vector.replaceSubrange(range, with: layer.scaleSpline) }
            if let range = offsets.affine {
                vector.replaceSubrange(range, with: layer.subnodeScale + layer.subnodeBias + layer.nodeScale + layer.nodeBias)
            }
            for (slot, edge) in offsets.symbolicEdges.enumerated() {
                let k = layer.symbolic[edge]!.constants
                vector.replaceSubrange(offsets.symbolic.lowerBound + 4 * slot..<offsets.symbolic.lowerBound + 4 * slot + 4, with: [k.a, k.b, k.c, k.d])
            }
        }
        return vector
    }

    /// Sets all trainable parameters from a vector laid out as `parameterVector()`.
    public mutating func setParameterVector(_ vector: [Double]) {
        let layout = ParameterLayout(self)
        precondition(vector.count == layout.count, "expected \(layout.count) parameters, got \(vector.count)")
        for (l, offsets) in layout.layers.enumerated() {
            layers[l].coefficients = Array(vector[offsets.coefficients])
            if let range = offsets.scaleBase { layers[l].scaleBase = Array(vector[range]) }
            if let range = offsets.scaleSpline { layers[l].scaleSpline = Array(vector[range]) }
            if let range = offsets.affine {
                let n = layers[l].outputs, nodes = layers[l].nodes, base = range.lowerBound
                layers[l].subnodeScale = Array(vector[base..<base + n])
                layers[l].subnodeBias = Array(vector[base + n..<base + 2 * n])
                layers[l].nodeScale = Array(vector[base + 2 * n..<base + 2 * n + nodes])
                layers[l].nodeBias = Array(vector[base + 2 * n + nodes..<base + 2 * n + 2 * nodes])
            }
            for (slot, edge) in offsets.symbolicEdges.enumerated() {
                let base = offsets.symbolic.lowerBound + 4 * slot
                layers[l].symbolic[edge]!.constants = AffineConstants(a: vector[base], b: vector[base + 1], c: vector[base + 2], d: vector[base + 3])
            }
        }
    }
}
