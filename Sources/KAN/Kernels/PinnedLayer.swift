/// One layer as every evaluation kernel reads it during a pass: its sizes, the pass's input and the layer's
/// coefficients pinned by `LayerCache.pinning`, and the edge weights the cache prepared for the pass.
///
/// Shapes: `input` is `[batch, inputs]`, `coefficients` `[inputs, n, outputs]`, the weights `[inputs * outputs]`:
/// `mask * scale_base`, `mask * scale_sp` and `mask`.
struct PinnedLayer {
    let inputs: Int
    let outputs: Int
    /// `k + 1`, the basis values that can be non-zero at a point.
    let p: Int
    /// `G + k`, the coefficients of one edge.
    let n: Int
    let input: UnsafePointer<Double>
    let coefficients: UnsafePointer<Double>
    let baseWeight: UnsafePointer<Double>
    let splineWeight: UnsafePointer<Double>
    let mask: UnsafePointer<Double>
}

/// A kernel over a `PinnedLayer`, its sizes read from the layer (a kernel may fix some at compile time instead).
protocol PinnedLayerKernel {
    var layer: PinnedLayer { get }
}

extension PinnedLayerKernel {
    var inputs: Int { layer.inputs }
    var outputs: Int { layer.outputs }
    /// `k + 1`, the basis values that can be non-zero at a point.
    var p: Int { layer.p }
    /// `G + k`, the coefficients of one edge.
    var n: Int { layer.n }
}
