/// How a dense backward pass runs (`DenseLayerKernel.backward`).
struct DenseBackwardMode {
    /// `dLoss/dsum`, `[batch, outputs]`.
    let sumGradient: UnsafePointer<Double>
    /// Where to write `dLoss/dx` (`[batch, inputs]`, from the cached basis derivatives), when wanted.
    let inputGradient: UnsafeMutablePointer<Double>?
    /// The regulariser's share, when regularising; it needs every edge's value: the forward pass's `edgeValues`
    /// (`[batch, inputs * outputs]`) when it kept them, else the splines are summed again.
    let regularization: RegularizationTerms?
    let edgeValues: UnsafePointer<Double>?
    /// Pool the coefficient gradients of rows sharing a value (`RepeatedInputPolicy`).
    let poolsGradients: Bool
}

extension DenseLayerKernel {
    /// Rows `rows` of the backward pass into `partial`, `[G | scale_base gradient]` with `G[i][j][o] = sum over
    /// rows of B_j(x[row, i]) * grad[row, i, o]` laid out as the coefficients: the coefficient gradient is
    /// `scale_sp * mask * G` and the scale_sp gradient `mask * sum_j c[i][j][o] G[i][j][o]`, both formed after the
    /// chunks are reduced. `partial` must be zero.
    func backward(rows: Range<Int>, mode: DenseBackwardMode, into partial: UnsafeMutablePointer<Double>) {
        let grads = UnsafeMutablePointer<Double>.allocate(capacity: outputs)
        defer { grads.deallocate() }
        let splines = SplineSums(inputs: inputs, outputs: outputs, keepsLast: true)
        let pool = GradientPool(inputs: inputs, outputs: outputs, p: p, n: n, into: partial)
        let scaleBaseGradient = partial + inputs * n * outputs
        for row in rows {
            for i in 0..<inputs {
                let index = row &* inputs &+ i
                let start = Int(starts[index])
                let dx = edgeGradients(row: row, input: i, start: start, mode: mode, splines: splines, grads: grads,
                                       scaleBaseGradient: scaleBaseGradient)
                if mode.poolsGradients {
                    pool.add(grads, input: i, x: layer.input[index], start: start, values: basis + index &* p)
                } else {
                    // Inputs that rarely repeat (a hidden layer's): accumulate directly.
                    let block = partial + i &* n &* outputs
                    for r in 0..<p {
                        let w = basis[index &* p &+ r], gRow = block + (start &+ r) &* outputs
                        for o in 0..<outputs { gRow[o] += w * grads[o] }
                    }
                }
                if let dX = mode.inputGradient {
                    dX[index] = inputGradient(dx, row: row, input: i, start: start, grads: UnsafePointer(grads),
                                              regularization: mode.regularization)
                }
            }
        }
        for i in 0..<inputs { pool.flush(i) }
    }

    /// Input `i`'s edge gradients `grads[o] = dLoss/dphi_{i,o}` of one row (with the regulariser's share), their
    /// scale_base gradients added; returns the part of `dLoss/dx` through the base function.
    @inline(__always)
    private func edgeGradients(row: Int, input i: Int, start: Int, mode: DenseBackwardMode, splines: borrowing SplineSums,
                               grads: UnsafeMutablePointer<Double>, scaleBaseGradient: UnsafeMutablePointer<Double>) -> Double {
        let index = row &* inputs &+ i, e = i &* outputs
        let upstream = mode.sumGradient + row &* outputs
        let bv = base[index], bd = baseDerivative[index]
        let wb = layer.baseWeight + e, ws = layer.splineWeight + e, mk = layer.mask + e
        var dx = 0.0
        // Edge o's gradient `grad`: kept for the coefficients, its scale_base and input gradients added.
        func record(_ o: Int, _ grad: Double) {
            scaleBaseGradient[e &+ o] += grad * mk[o] * bv
            grads[o] = grad
            dx += grad * wb[o] * bd
        }
        if let terms = mode.regularization {
            let f = terms.edgeFactor + e, mu = terms.edgeMean + e
            if let values = mode.edgeValues {
                let phi = values + index &* outputs
                for o in 0..<outputs { record(o, upstream[o] + f[o] * (phi[o] - mu[o])) }
            } else {
                let s = splines.at(input: i, x: layer.input[index], values: basis + index &* p, start: start,
                                   coefficients: layer.coefficients + i &* n &* outputs, p: p, outputs: outputs)
                for o in 0..<outputs { record(o, upstream[o] + f[o] * (wb[o] * bv + ws[o] * s[o] - mu[o])) }
            }
        } else {
            for o in 0..<outputs { record(o, upstream[o]) }
        }
        return dx
    }

    /// `dLoss/dx` of one (row, input): `dx` (through the base function) plus the splines' share through the basis
    /// derivatives, plus the regulariser's through the input's standard deviation.
    @inline(__always)
    private func inputGradient(_ dx: Double, row: Int, input i: Int, start: Int, grads: UnsafePointer<Double>,
                               regularization: RegularizationTerms?) -> Double {
        let index = row &* inputs &+ i
        let derivatives = basisDerivative + index &* p, ws = layer.splineWeight + i &* outputs
        let block = layer.coefficients + i &* n &* outputs
        var dx = dx
        for r in 0..<p {
            let wd = derivatives[r]
            if wd == 0 { continue }
            let cRow = block + (start &+ r) &* outputs
            var sum = 0.0
            for o in 0..<outputs { sum += cRow[o] * grads[o] * ws[o] }
            dx += wd * sum
        }
        guard let terms = regularization else { return dx + 0 }
        return dx + terms.inputFactor[i] * (layer.input[index] - terms.inputMean[i])
    }
}
