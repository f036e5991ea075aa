/// The arithmetic of one layer's forward and backward passes over every (row, input) of a batch, as plain
/// functions over pointers: the input and coefficients pinned by `LayerCache.pinning`, everything else the
/// cache's buffers. One call handles one chunk of rows; the caller runs the chunks on threads and reduces their
/// partial results in chunk order. Which variant runs (cached basis, kept spline sums, pooled gradients) is
/// decided by the caller (`RepeatedInputPolicy`).
///
/// Shapes: `x` is `[batch, inputs]`, `coefficients` `[inputs, n, outputs]` (`n = G + k`), the weights
/// `[inputs * outputs]`, the basis `[batch, inputs, p]` (`p = k + 1` values from `starts[row, input]`), `base`
/// `[batch, inputs]`, `sums` `[batch, outputs]`. `Sizes` fixes the outputs and `p` where it can (`KernelSizes`).
struct DenseLayerKernel<Sizes: KernelSizes> {
    let sizes: Sizes
    let inputs: Int
    var outputs: Int { sizes.outputs }
    /// `k + 1`, the basis values that can be non-zero at a point.
    var p: Int { sizes.p }
    /// `G + k`, the coefficients of one edge.
    let n: Int
    let x: UnsafePointer<Double>
    let coefficients: UnsafePointer<Double>
    let baseWeight: UnsafePointer<Double>
    let splineWeight: UnsafePointer<Double>
    let mask: UnsafePointer<Double>
    let starts: UnsafeMutablePointer<Int32>
    let basis: UnsafeMutablePointer<Double>
    let basisDerivative: UnsafeMutablePointer<Double>
    let base: UnsafeMutablePointer<Double>
    let baseDerivative: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>

    init(_ layer: KANLayer, sizes: Sizes, cache: KANEvaluator.LayerCache, input: UnsafePointer<Double>,
         coefficients: UnsafePointer<Double>) {
        precondition(sizes.outputs == layer.outputs && sizes.p == layer.order + 1, "kernel sizes of another layer")
        (self.sizes, inputs, n) = (sizes, layer.inputs, layer.coefficientsPerEdge)
        (x, self.coefficients) = (input, coefficients)
        (baseWeight, splineWeight, mask) = cache.edgeWeights
        (starts, basis, basisDerivative) = (cache.starts.pointer, cache.basis.pointer, cache.basisDerivative.pointer)
        (base, baseDerivative, sums) = (cache.base.pointer, cache.baseDerivative.pointer, cache.sums.pointer)
    }
}
