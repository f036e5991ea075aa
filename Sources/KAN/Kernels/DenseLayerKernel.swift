/// The arithmetic of one layer's forward and backward passes over every (row, input) of a batch, as plain
/// functions over pointers: the layer as `LayerCache.pinning` pins it (`PinnedLayer`), everything else the cache's
/// buffers. One call handles one chunk of rows; the caller runs the chunks on threads and reduces their
/// partial results in chunk order. Which variant runs (cached basis, kept spline sums, pooled gradients) is
/// decided by the caller (`RepeatedInputPolicy`).
///
/// Shapes: `x` is `[batch, inputs]`, `coefficients` `[inputs, n, outputs]` (`n = G + k`), the weights
/// `[inputs * outputs]`, the basis `[batch, inputs, p]` (`p = k + 1` values from `starts[row, input]`), `base`
/// `[batch, inputs]`, `sums` `[batch, outputs]`. `Sizes` fixes the outputs and `p` where it can (`KernelSizes`).
/// Index arithmetic wraps (`&*`, `&+`): every index is below the size of a buffer that was allocated, so it cannot
/// overflow, and the overflow checks were a tenth of a small network's training instructions (as in `BasisTables`).
struct DenseLayerKernel<Sizes: KernelSizes>: PinnedLayerKernel {
    let sizes: Sizes
    let layer: PinnedLayer
    /// As `layer`'s, fixed at compile time where `Sizes` can.
    var outputs: Int { sizes.outputs }
    var p: Int { sizes.p }
    let starts: UnsafeMutablePointer<Int32>
    let basis: UnsafeMutablePointer<Double>
    let basisDerivative: UnsafeMutablePointer<Double>
    let base: UnsafeMutablePointer<Double>
    let baseDerivative: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>

    init(_ layer: PinnedLayer, sizes: Sizes, cache: KANEvaluator.LayerCache) {
        precondition(sizes.outputs == layer.outputs && sizes.p == layer.p, "kernel sizes of another layer")
        (self.sizes, self.layer) = (sizes, layer)
        (starts, basis, basisDerivative) = (cache.starts.pointer, cache.basis.pointer, cache.basisDerivative.pointer)
        (base, baseDerivative, sums) = (cache.base.pointer, cache.baseDerivative.pointer, cache.sums.pointer)
    }
}
