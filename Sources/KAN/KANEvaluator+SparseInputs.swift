/// The passes of a first layer whose inputs are mostly at one value per input (see `SparseInputs`): the mode's
/// share of every node is computed once, and only the rows' other inputs are visited.
extension KANEvaluator {
    /// `phi(mode)` of every edge `[input * outputs + output]` (0 for inputs without a mode).
    private func modeEdgeValues(_ layer: KANLayer, sparse: SparseInputs, weights: EdgeWeights) -> [Double] {
        let (ins, outs, p, n) = (layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        var values = [Double](repeating: 0, count: ins * outs)
        var s = [Double](repeating: 0, count: outs)
        layer.coefficients.withUnsafeBufferPointer { coefficients in
            var basis = sparse.modeBasis
            basis.withUnsafeMutableBufferPointer { basisBuffer in
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

    /// Fills `cache.sum`: the modes' total, plus, per row, each off-mode input's edge minus its mode's.
    func forwardSparse(_ layer: KANLayer, cache: LayerCache, sparse: SparseInputs, weights: EdgeWeights) {
        let (b, ins, outs, p, n) = (batch, layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        let modeValues = modeEdgeValues(layer, sparse: sparse, weights: weights)
        var modeTotal = [Double](repeating: 0, count: outs)
        for i in 0..<ins { for o in 0..<outs { modeTotal[o] += modeValues[i * outs + o] } }
        let parts = Self.chunks(rows: b, work: sparse.entries.count * outs)
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        cache.basis.withUnsafeMutableBufferPointer { basisBuffer in
        cache.sum.withUnsafeMutableBufferPointer { sumBuffer in
        cache.starts.withUnsafeBufferPointer { startsBuffer in
        cache.base.withUnsafeBufferPointer { baseBuffer in
        weights.base.withUnsafeBufferPointer { baseWeightBuffer in
        weights.spline.withUnsafeBufferPointer { splineWeightBuffer in
        modeValues.withUnsafeBufferPointer { modeBuffer in
        modeTotal.withUnsafeBufferPointer { totalBuffer in
        sparse.rowStarts.withUnsafeBufferPointer { rowStartsBuffer in
        sparse.entries.withUnsafeBufferPointer { entriesBuffer in
            nonisolated(unsafe) let (coefficients, basis, sums) = (coefficientBuffer.baseAddress!, basisBuffer.baseAddress!, sumBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, base) = (startsBuffer.baseAddress!, baseBuffer.baseAddress!)
            nonisolated(unsafe) let (wb, ws, mode, total) = (baseWeightBuffer.baseAddress!, splineWeightBuffer.baseAddress!, modeBuffer.baseAddress!, totalBuffer.baseAddress!)
            nonisolated(unsafe) let (rowStarts, entries) = (rowStartsBuffer.baseAddress!, entriesBuffer.baseAddress)
            Self.run(parts) { _, rows in
                let spline = UnsafeMutablePointer<Double>.allocate(capacity: outs)
                defer { spline.deallocate() }
                for row in rows {
                    let out = sums + row * outs
                    for o in 0..<outs { out[o] = total[o] }
                    guard let entries else { continue }
                    for entry in rowStarts[row]..<rowStarts[row + 1] {
                        let i = Int(entries[entry]), index = row * ins + i
                        Self.splineValues(basis + index * p, start: Int(starts[index]), coefficients: coefficients + i * n * outs,
                                          order: p, outputs: outs, into: spline)
                        let e = i * outs, bv = base[index]
                        for o in 0..<outs { out[o] += wb[e + o] * bv + ws[e + o] * spline[o] - mode[e + o] }
                    }
                }
            }
        }}}}}}}}}}}
    }

    /// The per-chunk gradients `[G (coefficient layout) | scale_base | scale_sp]` of a layer with sparse inputs,
    /// without the regulariser and without the input's gradient: the modes' rows get the column total of the
    /// upstream gradient minus what the off-mode rows took.
    func backwardSparse(_ layer: KANLayer, cache: LayerCache, sparse: SparseInputs, weights: EdgeWeights, dSum: [Double]) -> [[Double]] {
        let (b, ins, outs, p, n) = (batch, layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        let edges = ins * outs, coefficientCount = layer.coefficients.count
        let parts = Self.chunks(rows: b, work: sparse.entries.count * outs)
        var partials = [[Double]](repeating: [], count: parts.count)
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        cache.basis.withUnsafeBufferPointer { basisBuffer in
        cache.starts.withUnsafeBufferPointer { startsBuffer in
        cache.base.withUnsafeBufferPointer { baseBuffer in
        layer.mask.withUnsafeBufferPointer { maskBuffer in
        dSum.withUnsafeBufferPointer { dSumBuffer in
        sparse.rowStarts.withUnsafeBufferPointer { rowStartsBuffer in
        sparse.entries.withUnsafeBufferPointer { entriesBuffer in
            nonisolated(unsafe) let (results, basis) = (partialBuffer.baseAddress!, basisBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, base, mask, upstream) = (startsBuffer.baseAddress!, baseBuffer.baseAddress!, maskBuffer.baseAddress!, dSumBuffer.baseAddress!)
            nonisolated(unsafe) let (rowStarts, entries) = (rowStartsBuffer.baseAddress!, entriesBuffer.baseAddress)
            Self.run(parts) { chunk, rows in
                var local = [Double](repeating: 0, count: coefficientCount + 2 * edges)
                let columnTotal = UnsafeMutablePointer<Double>.allocate(capacity: outs)
                columnTotal.initialize(repeating: 0, count: outs)
                let offMode = UnsafeMutablePointer<Double>.allocate(capacity: edges)
                offMode.initialize(repeating: 0, count: edges)
                defer { columnTotal.deallocate(); offMode.deallocate() }
                local.withUnsafeMutableBufferPointer { localBuffer in
                    let gc = localBuffer.baseAddress!, gsb = gc + coefficientCount
                    for row in rows {
                        let grad = upstream + row * outs
                        for o in 0..<outs { columnTotal[o] += grad[o] }
                        guard let entries else { continue }
                        for entry in rowStarts[row]..<rowStarts[row + 1] {
                            let i = Int(entries[entry]), index = row * ins + i
                            let e = i * outs, bv = base[index], start = Int(starts[index])
                            for o in 0..<outs {
                                offMode[e + o] += grad[o]
                                gsb[e + o] += grad[o] * mask[e + o] * bv
                            }
                            let values = basis + index * p
                            for r in 0..<p {
                                let w = values[r], gRow = gc + (i * n + start + r) * outs
                                for o in 0..<outs { gRow[o] += w * grad[o] }
                            }
                        }
                    }
                    for i in 0..<ins where !sparse.modes[i].isNaN {
                        let e = i * outs, modeBase = sparse.modeBase[i], modeStart = sparse.modeStarts[i]
                        for o in 0..<outs {
                            let grad = columnTotal[o] - offMode[e + o]
                            gsb[e + o] += grad * mask[e + o] * modeBase
                            for r in 0..<p { gc[(i * n + modeStart + r) * outs + o] += sparse.modeBasis[i * p + r] * grad }
                        }
                    }
                }
                results[chunk] = local
            }
        }}}}}}}}
        return partials
    }
}
