import Optimization

/// A wide layer's passes as matrix products through OpenBLAS, efficient-kan's formulation: the cached basis
/// expanded densely, `D [batch, inputs * n]` (each input's `k + 1` values at their place, zeros elsewhere), times
/// the coefficients scaled by their edge's spline weight (`C`, `[inputs * n, outputs]`), plus `b(x) [batch, inputs]`
/// times the base weights `[inputs, outputs]`. Backward: `D^T g` is the coefficient gradient `G`, `b(x)^T g` the
/// scale_base one, and `g C^T` and `g W_base^T` give the input's gradient with the basis derivatives.
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
    /// `D`, `[batch, inputs * n]`.
    let expandedBasis: UnsafeMutablePointer<Double>
    /// `C`, `[inputs * n, outputs]`.
    let scaledCoefficients: UnsafeMutablePointer<Double>

    /// Whether a layer's products beat its loops for `rows` rows: measured on this machine's passes (README,
    /// "Performance"), from 32 outputs on; and only while the expanded basis stays within `expandedBasisBytes`.
    static func isWorthIt(_ layer: KANLayer, rows: Int) -> Bool {
        layer.outputs >= 32
            && rows * layer.inputs * layer.coefficientsPerEdge * MemoryLayout<Double>.stride <= expandedBasisBytes
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

    /// Writes `D` for rows `rows` from the cached basis.
    func expandBasis(rows: Range<Int>) {
        let width = inputs * n
        for row in rows {
            let d = expandedBasis + row &* width
            d.update(repeating: 0, count: width)
            for i in 0..<inputs {
                let index = row &* inputs &+ i, at = d + (i &* n &+ Int(starts[index]))
                for r in 0..<p { at[r] = basis[index &* p &+ r] }
            }
        }
    }

    /// `C[i * n + j][o] = c[i][j][o] * scale_sp[i][o] * mask[i][o]`.
    private func scaleCoefficients() {
        for i in 0..<inputs {
            let weights = layer.splineWeight + i &* outputs
            for j in 0..<n {
                let row = (i &* n &+ j) &* outputs
                for o in 0..<outputs { scaledCoefficients[row &+ o] = layer.coefficients[row &+ o] * weights[o] }
            }
        }
    }

    /// `sums = D C + b(x) W_base`, `[rows, outputs]`.
    func forward(rows: Int, into sums: UnsafeMutablePointer<Double>) {
        scaleCoefficients()
        matrixProduct(.no, .no, rows, outputs, inputs * n, 1, expandedBasis, inputs * n, scaledCoefficients, outputs, 0, sums, outputs)
        matrixProduct(.no, .no, rows, outputs, inputs, 1, base, inputs, layer.baseWeight, outputs, 1, sums, outputs)
    }

    /// The gradients `[G | scale_base gradient | 0]` into `total` (as `DenseLayerKernel.backward`'s, reduced) from
    /// `dLoss/dsum` `g` (`[rows, outputs]`).
    func backward(rows: Int, sumGradient g: UnsafePointer<Double>, into total: UnsafeMutablePointer<Double>) {
        let edges = inputs * outputs, coefficientCount = inputs * n * outputs
        matrixProduct(.yes, .no, inputs * n, outputs, rows, 1, expandedBasis, inputs * n, g, outputs, 0, total, outputs)
        let scaleBase = total + coefficientCount
        matrixProduct(.yes, .no, inputs, outputs, rows, 1, base, inputs, g, outputs, 0, scaleBase, outputs)
        for e in 0..<edges { scaleBase[e] *= layer.mask[e] }
        (scaleBase + edges).update(repeating: 0, count: edges)
    }

    /// `dLoss/dx` into `dX` (`[rows, inputs]`): `b'(x) (g W_base^T)` plus the basis derivatives times `g C^T` at
    /// their places. `expanded` (`[rows, inputs * n]`) and `projected` (`[rows, inputs]`) are scratch.
    func inputGradient(rows: Int, sumGradient g: UnsafePointer<Double>, expanded: UnsafeMutablePointer<Double>,
                       projected: UnsafeMutablePointer<Double>, into dX: UnsafeMutablePointer<Double>) {
        scaleCoefficients()
        matrixProduct(.no, .yes, rows, inputs * n, outputs, 1, g, outputs, scaledCoefficients, outputs, 0, expanded, inputs * n)
        matrixProduct(.no, .yes, rows, inputs, outputs, 1, g, outputs, layer.baseWeight, outputs, 0, projected, inputs)
        KANEvaluator.run(KANEvaluator.chunks(rows: rows, work: rows * inputs * p)) { _, chunk in
            for row in chunk {
                for i in 0..<inputs {
                    let index = row &* inputs &+ i, at = expanded + ((row &* inputs &+ i) &* n &+ Int(starts[index]))
                    var dx = baseDerivative[index] * projected[index]
                    for r in 0..<p { dx += basisDerivative[index &* p &+ r] * at[r] }
                    dX[index] = dx
                }
            }
        }
    }
}
