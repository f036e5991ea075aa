import Optimization

/// A wide layer's passes as matrix products through OpenBLAS, efficient-kan's formulation with the base function
/// folded in: the cached basis expanded densely next to the base function's values, `D [batch, inputs * (n + 1)]`
/// (each input's `k + 1` basis values at their place among its `n`, zeros elsewhere, then `b(x)` of every input),
/// times `C [inputs * (n + 1), outputs]`: the coefficients scaled by their edge's spline weight, then the base
/// weights. One product per direction: `D C` is the edge sums, `D^T g` the coefficient gradient `G` followed by the
/// scale_base one, and `g C^T` gives the input's gradient with the basis derivatives.
///
/// `D` multiplies `n / (k + 1)` times more zeros than `DenseLayerKernel` multiplies numbers, but a product runs
/// several times faster than those loops where the layer has many outputs (`isWorthIt`). The regulariser's
/// statistics need every edge's value, which the products never form: those passes stay on `DenseLayerKernel`.
struct MatrixLayerKernel: PinnedLayerKernel {
    let layer: PinnedLayer
    let starts: UnsafePointer<Int32>
    let basis: UnsafePointer<Double>
    let basisDerivative: UnsafePointer<Double>
    let base: UnsafePointer<Double>
    let baseDerivative: UnsafePointer<Double>
    /// `D`, `[batch, width]`.
    let expandedBasis: UnsafeMutablePointer<Double>
    /// `C`, `[width, outputs]`.
    let scaledCoefficients: UnsafeMutablePointer<Double>

    /// The columns of `D`: `n` per input for the basis, then one per input for `b(x)`.
    static func width(_ layer: KANLayer) -> Int { layer.inputs * (layer.coefficientsPerEdge + 1) }
    var width: Int { inputs &* (n &+ 1) }

    /// Whether a layer's products beat its loops for `rows` rows: measured on this machine's passes (README,
    /// "Performance"), from 32 outputs on; and only while the expanded basis stays within `expandedBasisBytes`.
    static func isWorthIt(_ layer: KANLayer, rows: Int) -> Bool {
        layer.outputs >= 32
            && rows * width(layer) * MemoryLayout<Double>.stride <= expandedBasisBytes
    }

    /// The most memory the expanded basis of one layer may take (a `[784,100,...]` layer on 12,665 rows would
    /// need 1.2 GB; it then stays on the loops, whose cache is `n / (k + 1)` times smaller).
    static let expandedBasisBytes = 256 << 20

    init(_ layer: PinnedLayer, cache: KANEvaluator.LayerCache) {
        self.layer = layer
        (starts, basis, basisDerivative) = (UnsafePointer(cache.starts.pointer), UnsafePointer(cache.basis.pointer),
                                            UnsafePointer(cache.basisDerivative.pointer))
        (base, baseDerivative) = (UnsafePointer(cache.base.pointer), UnsafePointer(cache.baseDerivative.pointer))
        (expandedBasis, scaledCoefficients) = (cache.expandedBasis.pointer, cache.scaledCoefficients.pointer)
    }

    /// Writes `D` for rows `rows` from the cached basis: each input's `n` columns in one sweep (zeros around its
    /// `k + 1` values), then the row's `b(x)`.
    func expandBasis(rows: Range<Int>) {
        let (n, p, width) = (n, p, width)
        for row in rows {
            let d = expandedBasis + row &* width
            for i in 0..<inputs {
                let index = row &* inputs &+ i, block = d + i &* n, start = Int(starts[index])
                let values = basis + index &* p
                for j in 0..<start { block[j] = 0 }
                for r in 0..<p { block[start &+ r] = values[r] }
                for j in (start &+ p)..<n { block[j] = 0 }
            }
            (d + inputs &* n).update(from: base + row &* inputs, count: inputs)
        }
    }

    /// `C`: `c[i][j][o] * scale_sp[i][o] * mask[i][o]` at row `i * n + j`, then `mask * scale_base` at row
    /// `inputs * n + i`.
    private func scaleCoefficients() {
        for i in 0..<inputs {
            let weights = layer.splineWeight + i &* outputs
            for j in 0..<n {
                let row = (i &* n &+ j) &* outputs
                for o in 0..<outputs { scaledCoefficients[row &+ o] = layer.coefficients[row &+ o] * weights[o] }
            }
        }
        (scaledCoefficients + inputs &* n &* outputs).update(from: layer.baseWeight, count: inputs &* outputs)
    }

    /// `sums = D C`, `[rows, outputs]`.
    func forward(rows: Int, into sums: UnsafeMutablePointer<Double>) {
        scaleCoefficients()
        matrixProduct(.no, .no, rows, outputs, width, 1, expandedBasis, width, scaledCoefficients, outputs, 0, sums, outputs)
    }

    /// The gradients `[G | scale_base gradient | 0]` into `total` (as `DenseLayerKernel.backward`'s, reduced) from
    /// `dLoss/dsum` `g` (`[rows, outputs]`): `D^T g`, its base part masked.
    func backward(rows: Int, sumGradient g: UnsafePointer<Double>, into total: UnsafeMutablePointer<Double>) {
        let edges = inputs * outputs
        matrixProduct(.yes, .no, width, outputs, rows, 1, expandedBasis, width, g, outputs, 0, total, outputs)
        let scaleBase = total + inputs * n * outputs
        for e in 0..<edges { scaleBase[e] *= layer.mask[e] }
        (scaleBase + edges).update(repeating: 0, count: edges)
    }

    /// `dLoss/dx` into `dX` (`[rows, inputs]`) from `g C^T` (`expanded`, `[rows, width]` scratch): per input, its
    /// basis derivatives times that product at their places, plus `b'(x)` times its base column.
    func inputGradient(rows: Int, sumGradient g: UnsafePointer<Double>, expanded: UnsafeMutablePointer<Double>,
                       into dX: UnsafeMutablePointer<Double>) {
        scaleCoefficients()
        let (n, p, width) = (n, p, width)
        matrixProduct(.no, .yes, rows, width, outputs, 1, g, outputs, scaledCoefficients, outputs, 0, expanded, width)
        KANEvaluator.run(KANEvaluator.chunks(rows: rows, work: rows * inputs * p)) { _, chunk in
            for row in chunk {
                let product = expanded + row &* width, projected = product + inputs &* n
                for i in 0..<inputs {
                    let index = row &* inputs &+ i, at = product + (i &* n &+ Int(starts[index]))
                    var dx = baseDerivative[index] * projected[i]
                    for r in 0..<p { dx += basisDerivative[index &* p &+ r] * at[r] }
                    dX[index] = dx
                }
            }
        }
    }
}
