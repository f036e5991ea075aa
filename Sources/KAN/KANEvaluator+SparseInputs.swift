/// The passes of a first layer whose inputs are mostly at one value per input and otherwise at a few (see
/// `SparseInputs`): every edge is evaluated once at its input's mode and once per distinct other value; the rows
/// then only add those values up, and the backward pass only adds up the rows' gradients per value.
extension KANEvaluator {
    /// `phi(mode)` of every edge `[input * outputs + output]` (0 for inputs without a mode).
    private func modeEdgeValues(_ layer: KANLayer, sparse: SparseInputs, weights: EdgeWeights) -> [Double] {
        let (ins, outs, p, n) = (layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        var values = [Double](repeating: 0, count: ins * outs)
        var s = [Double](repeating: 0, count: outs)
        layer.coefficients.withUnsafeBufferPointer { coefficients in
            sparse.modeBasis.withUnsafeBufferPointer { basisBuffer in
                s.withUnsafeMutableBufferPointer { sBuffer in
                    for i in 0..<ins where !sparse.modes[i].isNaN {
                        Self.splineValues(basisBuffer.baseAddress! + i * p, start: sparse.modeStarts[i],
                                          coefficients: coefficients.baseAddress! + i * n * outs, order: p, outputs: outs, into: sBuffer.baseAddress!)
                        for o in 0..<outs {
                            values[i * outs + o] = weights.base[i * outs + o] * sparse.modeBase[i] + weights.spline[i * outs + o] * sBuffer[o]
                        }
                    }
                }
            }
        }
        return values
    }

    /// `phi(value) - phi(mode)` of every distinct off-mode value's edges `[value * outputs + output]`.
    private func valueEdgeOffsets(_ layer: KANLayer, sparse: SparseInputs, weights: EdgeWeights, modeValues: [Double]) -> [Double] {
        let (outs, p, n, count) = (layer.outputs, layer.order + 1, layer.coefficientsPerEdge, sparse.valueCount)
        var offsets = [Double](repeating: 0, count: count * outs)
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        sparse.valueBasis.withUnsafeBufferPointer { basisBuffer in
        offsets.withUnsafeMutableBufferPointer { offsetBuffer in
            nonisolated(unsafe) let (coefficients, basis, results) = (coefficientBuffer.baseAddress!, basisBuffer.baseAddress!, offsetBuffer.baseAddress!)
            Self.run(Self.chunks(rows: count, work: count * outs * p)) { _, values in
                for d in values {
                    let i = Int(sparse.valueInputs[d]), e = i * outs, out = results + d * outs
                    Self.splineValues(basis + d * p, start: Int(sparse.valueStarts[d]),
                                      coefficients: coefficients + i * n * outs, order: p, outputs: outs, into: out)
                    let bv = sparse.valueBase[d]
                    for o in 0..<outs { out[o] = weights.base[e + o] * bv + weights.spline[e + o] * out[o] - modeValues[e + o] }
                }
            }
        }}}
        return offsets
    }

    /// Fills `cache.sum`: the modes' total, plus, per row, each off-mode input's edge minus its mode's. Goes by
    /// value (each value's offsets read once, added to its rows), in chunks of values reduced in a fixed order.
    func forwardSparse(_ layer: KANLayer, cache: LayerCache, sparse: SparseInputs, weights: EdgeWeights) {
        let (b, ins, outs) = (batch, layer.inputs, layer.outputs)
        let modeValues = modeEdgeValues(layer, sparse: sparse, weights: weights)
        var modeTotal = [Double](repeating: 0, count: outs)
        for i in 0..<ins { for o in 0..<outs { modeTotal[o] += modeValues[i * outs + o] } }
        let offsets = valueEdgeOffsets(layer, sparse: sparse, weights: weights, modeValues: modeValues)
        let parts = sparse.valueChunks(outputs: outs)
        var partials = [[Double]](repeating: [], count: parts.count)
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        offsets.withUnsafeBufferPointer { offsetBuffer in
        sparse.valueRowStarts.withUnsafeBufferPointer { startsBuffer in
        sparse.valueRows.withUnsafeBufferPointer { rowsBuffer in
            nonisolated(unsafe) let (results, offsets) = (partialBuffer.baseAddress!, offsetBuffer.baseAddress)
            nonisolated(unsafe) let (starts, rows) = (startsBuffer.baseAddress!, rowsBuffer.baseAddress)
            Self.run(parts) { chunk, values in
                var local = [Double](repeating: 0, count: b * outs)
                if let offsets, let rows {
                    local.withUnsafeMutableBufferPointer { localBuffer in
                        let sums = localBuffer.baseAddress!
                        for d in values {
                            let offset = offsets + d * outs
                            for entry in starts[d]..<starts[d + 1] {
                                let out = sums + Int(rows[entry]) * outs
                                for o in 0..<outs { out[o] += offset[o] }
                            }
                        }
                    }
                }
                results[chunk] = local
            }
        }}}}
        for row in 0..<b {
            for o in 0..<outs {
                let index = row * outs + o
                var sum = modeTotal[o]
                for part in partials { sum += part[index] }
                cache.sum[index] = sum
            }
        }
    }

    /// The gradients `[G (coefficient layout) | scale_base | scale_sp]` of a layer with sparse inputs, without the
    /// regulariser and without the input's gradient (one partial): the rows' upstream gradients are summed per
    /// distinct value, and the modes get the column total minus what the other values took.
    func backwardSparse(_ layer: KANLayer, sparse: SparseInputs, dSum: [Double]) -> [[Double]] {
        let (b, ins, outs, p, n) = (batch, layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        let edges = ins * outs, coefficientCount = layer.coefficients.count, count = sparse.valueCount
        var gradient = [Double](repeating: 0, count: coefficientCount + 2 * edges)
        var perValue = [Double](repeating: 0, count: count * outs)
        var columnTotal = [Double](repeating: 0, count: outs)
        for row in 0..<b { for o in 0..<outs { columnTotal[o] += dSum[row * outs + o] } }
        var offMode = [Double](repeating: 0, count: edges)
        perValue.withUnsafeMutableBufferPointer { perValueBuffer in
        dSum.withUnsafeBufferPointer { dSumBuffer in
        sparse.valueRowStarts.withUnsafeBufferPointer { startsBuffer in
        sparse.valueRows.withUnsafeBufferPointer { rowsBuffer in
            nonisolated(unsafe) let (results, upstream) = (perValueBuffer.baseAddress!, dSumBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, rows) = (startsBuffer.baseAddress!, rowsBuffer.baseAddress)
            // Each value's rows in ascending order, whatever the chunks: the same sums on any machine.
            Self.run(sparse.valueChunks(outputs: outs)) { _, values in
                guard let rows else { return }
                for d in values {
                    let target = results + d * outs
                    for entry in starts[d]..<starts[d + 1] {
                        let grad = upstream + Int(rows[entry]) * outs
                        for o in 0..<outs { target[o] += grad[o] }
                    }
                }
            }
        }}}}
        // From the summed gradients to G, scale_base and the modes' share.
        gradient.withUnsafeMutableBufferPointer { gradientBuffer in
        offMode.withUnsafeMutableBufferPointer { offModeBuffer in
        perValue.withUnsafeBufferPointer { perValueBuffer in
        sparse.valueBasis.withUnsafeBufferPointer { basisBuffer in
        layer.mask.withUnsafeBufferPointer { maskBuffer in
            let (gc, offMode, sums) = (gradientBuffer.baseAddress!, offModeBuffer.baseAddress!, perValueBuffer.baseAddress!)
            let (basis, mask, gsb) = (basisBuffer.baseAddress!, maskBuffer.baseAddress!, gradientBuffer.baseAddress! + coefficientCount)
            /// Adds `grad` (one per output) at input `i`'s basis `values` from `start`, and to scale_base with `b`.
            func accumulate(_ grad: UnsafePointer<Double>, input i: Int, start: Int, values: UnsafePointer<Double>, base bv: Double) {
                let e = i * outs
                for o in 0..<outs { gsb[e + o] += grad[o] * mask[e + o] * bv }
                for r in 0..<p {
                    let w = values[r], row = gc + (i * n + start + r) * outs
                    for o in 0..<outs { row[o] += w * grad[o] }
                }
            }
            for d in 0..<count {
                let i = Int(sparse.valueInputs[d]), grad = sums + d * outs
                for o in 0..<outs { offMode[i * outs + o] += grad[o] }
                accumulate(grad, input: i, start: Int(sparse.valueStarts[d]), values: basis + d * p, base: sparse.valueBase[d])
            }
            sparse.modeBasis.withUnsafeBufferPointer { modeBasis in
                var grad = [Double](repeating: 0, count: outs)
                for i in 0..<ins where !sparse.modes[i].isNaN {
                    for o in 0..<outs { grad[o] = columnTotal[o] - offMode[i * outs + o] }
                    accumulate(grad, input: i, start: sparse.modeStarts[i], values: modeBasis.baseAddress! + i * p, base: sparse.modeBase[i])
                }
            }
        }}}}}
        return [gradient]
    }
}
