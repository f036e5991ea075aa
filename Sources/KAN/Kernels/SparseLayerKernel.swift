/// The arithmetic of a first layer's passes over its `SparseInputs` (inputs mostly at one value each, otherwise
/// at a few): every edge is evaluated once at its input's mode and once per distinct other value; the forward pass
/// then only adds those values up per row, and the backward pass only adds up the rows' gradients per value. Plain
/// functions over pointers, as `DenseLayerKernel`; `RepeatedInputPolicy` decides when this runs.
struct SparseLayerKernel: PinnedLayerKernel {
    let sparse: SparseInputs
    let layer: PinnedLayer

    init(_ layer: PinnedLayer, sparse: SparseInputs) {
        (self.layer, self.sparse) = (layer, sparse)
    }

    /// `phi(mode)` of every edge `[input * outputs + output]` (0 for inputs without a mode).
    private func modeEdgeValues() -> HeapBuffer<Double> {
        let values = HeapBuffer<Double>(zeros: inputs * outputs)
        let s = UnsafeMutablePointer<Double>.allocate(capacity: outputs)
        defer { s.deallocate() }
        for i in 0..<inputs where !sparse.modes[i].isNaN {
            SplineSums.compute(sparse.modeBasis.pointer + i * p, start: sparse.modeStarts[i], coefficients: layer.coefficients + i * n * outputs,
                               p: p, outputs: outputs, into: s)
            for o in 0..<outputs {
                values.pointer[i * outputs + o] = layer.baseWeight[i * outputs + o] * sparse.modeBase[i] + layer.splineWeight[i * outputs + o] * s[o]
            }
        }
        return values
    }

    /// `phi(value) - phi(mode)` of input `i`'s off-mode values' edges, `[value - first value of i, output]`.
    private func valueEdgeOffsets(input i: Int, modeValues: UnsafePointer<Double>, into offsets: UnsafeMutablePointer<Double>) {
        let e = i * outputs, first = sparse.inputValueStarts[i]
        for d in first..<sparse.inputValueStarts[i + 1] {
            let out = offsets + (d - first) * outputs
            SplineSums.compute(sparse.valueBasis.pointer + d * p, start: Int(sparse.valueStarts[d]),
                               coefficients: layer.coefficients + i * n * outputs, p: p, outputs: outputs, into: out)
            let bv = sparse.valueBase[d]
            for o in 0..<outputs { out[o] = layer.baseWeight[e + o] * bv + layer.splineWeight[e + o] * out[o] - modeValues[e + o] }
        }
    }

    /// Fills `sums` (`[rows, outputs]`): the modes' total, plus, per row, each off-mode input's edge minus its
    /// mode's. The input chunks `chunks` (`SparseInputs.inputChunks`) run concurrently, each into its partial sums
    /// at `scratch + chunk * stride` (`stride >= rows * outputs`), reduced in chunk order: input by input, the
    /// input's few offsets are computed and stay in cache while its rows are visited in order.
    func forward(rows b: Int, chunks: [Range<Int>], scratch: UnsafeMutablePointer<Double>, stride: Int,
                 into sums: UnsafeMutablePointer<Double>) {
        let modeValues = modeEdgeValues()
        var modeTotal = [Double](repeating: 0, count: outputs)
        for i in 0..<inputs { for o in 0..<outputs { modeTotal[o] += modeValues[i * outputs + o] } }
        KANEvaluator.run(chunks) { chunk, chunkInputs in
            let local = scratch + chunk * stride
            local.update(repeating: 0, count: b * outputs)
            let offsets = UnsafeMutablePointer<Double>.allocate(capacity: sparse.largestValueCount * outputs)
            defer { offsets.deallocate() }
            let sweep = SparseEntrySweep(rows: sparse.entryRows.pointer, values: sparse.entryValues.pointer, width: outputs)
            for i in chunkInputs {
                valueEdgeOffsets(input: i, modeValues: modeValues.pointer, into: offsets)
                sweep.scatter(sparse.inputEntryStarts[i]..<sparse.inputEntryStarts[i + 1], offsets: offsets,
                              firstValue: sparse.inputValueStarts[i], into: local)
            }
        }
        modeTotal.withUnsafeBufferPointer { modeTotal in
            KANEvaluator.run(KANEvaluator.chunks(rows: b, work: b * outputs * chunks.count)) { _, chunkRows in
                for index in chunkRows.lowerBound * outputs..<chunkRows.upperBound * outputs {
                    var sum = modeTotal[index % outputs]
                    for chunk in chunks.indices { sum += scratch[chunk * stride + index] }
                    sums[index] = sum
                }
            }
        }
    }

    /// The gradients `[G (coefficient layout) | scale_base]` into `gradient` (zero, as `DenseLayerKernel.backward`'s
    /// partial), without the regulariser and without the input's gradient. Input by input (inputs touch separate
    /// parts of the gradient, so they run concurrently): the rows' upstream gradients (`sumGradient`, `[rows,
    /// outputs]`) are summed per value, rows ascending, and the mode gets the column total minus what the values took.
    func backward(rows b: Int, sumGradient upstream: UnsafePointer<Double>, into gradient: UnsafeMutablePointer<Double>) {
        let perValue = UnsafeMutablePointer<Double>.allocate(capacity: sparse.valueCount * outputs)
        let columnTotal = UnsafeMutablePointer<Double>.allocate(capacity: outputs)
        defer { for buffer in [perValue, columnTotal] { buffer.deallocate() } }
        columnTotal.initialize(repeating: 0, count: outputs)
        for row in 0..<b { for o in 0..<outputs { columnTotal[o] += upstream[row * outputs + o] } }
        KANEvaluator.run(sparse.inputChunks(outputs: outputs)) { _, chunkInputs in
            let sweep = SparseEntrySweep(rows: sparse.entryRows.pointer, values: sparse.entryValues.pointer, width: outputs)
            let offMode = UnsafeMutablePointer<Double>.allocate(capacity: outputs)
            defer { offMode.deallocate() }
            for i in chunkInputs {
                let inputValues = sparse.inputValueStarts[i]..<sparse.inputValueStarts[i + 1]
                (perValue + inputValues.lowerBound * outputs).initialize(repeating: 0, count: inputValues.count * outputs)
                sweep.gather(sparse.inputEntryStarts[i]..<sparse.inputEntryStarts[i + 1], upstream: upstream, into: perValue)
                offMode.initialize(repeating: 0, count: outputs)
                for d in inputValues {
                    let sum = perValue + d * outputs
                    for o in 0..<outputs { offMode[o] += sum[o] }
                    accumulate(sum, input: i, start: Int(sparse.valueStarts[d]), values: sparse.valueBasis.pointer + d * p,
                               base: sparse.valueBase[d], into: gradient)
                }
                guard !sparse.modes[i].isNaN else { continue }
                for o in 0..<outputs { offMode[o] = columnTotal[o] - offMode[o] }
                accumulate(offMode, input: i, start: sparse.modeStarts[i], values: sparse.modeBasis.pointer + i * p,
                           base: sparse.modeBase[i], into: gradient)
            }
        }
    }

    /// Adds `grad` (one per output) at input `i`'s basis `values` from `start` to `G`, and to scale_base with `b`.
    private func accumulate(_ grad: UnsafePointer<Double>, input i: Int, start: Int, values: UnsafePointer<Double>,
                            base bv: Double, into gradient: UnsafeMutablePointer<Double>) {
        let e = i * outputs, scaleBaseGradient = gradient + inputs * n * outputs
        for o in 0..<outputs { scaleBaseGradient[e + o] += grad[o] * layer.mask[e + o] * bv }
        for r in 0..<p {
            let w = values[r], row = gradient + (i * n + start + r) * outputs
            for o in 0..<outputs { row[o] += w * grad[o] }
        }
    }
}
