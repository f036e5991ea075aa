extension KANEvaluator {
    /// One layer's backward pass: through the node affine maps, the edges (dense, or through the sparse view),
    /// the symbolic edges; its parameters' gradients are written into `gradient` at `offsets`. Returns
    /// `dLoss/dinput` (`[batch, inputs]`) when `needInputGradient`, else an empty buffer.
    func backwardLayer(_ layer: KANLayer, cache: LayerCache, offsets: ParameterLayout.LayerOffsets, upstream: HeapBuffer<Double>,
                       scaleGradient: [Double]?, regularization: Regularization, needInputGradient: Bool,
                       gradient: UnsafeMutablePointer<Double>) -> HeapBuffer<Double> {
        precondition(cache.hasDerivatives || !needInputGradient, "the input's gradient needs forward(gradients: true)")
        cache.prepareBackward(layer, rows: batch, inputGradient: needInputGradient)
        NodeAffine.backward(cache.nodeMaps, sums: cache.sums.pointer, upstream: upstream.pointer, rows: batch,
                            sumGradient: cache.sumGradient.pointer, affineGradient: offsets.affine.map { gradient + $0.lowerBound })
        let terms = scaleGradient.map { dv in
            guard let statistics = cache.statistics else { preconditionFailure("regularising needs forward(statistics: true)") }
            return statistics.regularizationTerms(scaleGradient: dv, outputs: layer.outputs, rows: batch)
        }
        let inputGradient = needInputGradient ? cache.inputGradient.pointer : nil
        let partialCount = layer.coefficients.count + 2 * layer.inputs * layer.outputs
        let total = cache.pinning(layer) { pinned in
            let total: UnsafeMutablePointer<Double>
            if let sparse = cache.repeats.sparseBackward(regularizing: terms != nil, inputGradient: needInputGradient) {
                total = cache.chunkResults(count: partialCount)
                total.update(repeating: 0, count: partialCount)
                SparseLayerKernel(pinned, sparse: sparse)
                    .backward(rows: batch, sumGradient: cache.sumGradient.pointer, into: total)
            } else if takesMatrixBackward(layer, cache: cache, regularizing: terms != nil) {
                total = cache.chunkResults(count: partialCount)
                let kernel = MatrixLayerKernel(pinned, cache: cache)
                kernel.backward(rows: batch, sumGradient: cache.sumGradient.pointer, into: total)
                if let inputGradient {
                    kernel.inputGradient(rows: batch, sumGradient: cache.sumGradient.pointer,
                                         expanded: cache.matrixGradientScratch(layer, rows: batch), into: inputGradient)
                }
            } else {
                total = denseBackward(pinned, layer, mode: Self.denseBackwardMode(cache, terms: terms, inputGradient: needInputGradient),
                                      cache: cache, partialCount: partialCount)
            }
            SymbolicEdgePass(cache.symbolicKernel(for: layer), layer: layer)
                .backward(input: pinned.input, rows: batch, sumGradient: cache.sumGradient.pointer, inputGradient: inputGradient,
                          gradient: gradient + offsets.symbolic.lowerBound)
            return total
        }
        writeEdgeGradients(total, layer: layer, cache: cache, offsets: offsets, regularization: regularization, gradient: gradient)
        return needInputGradient ? cache.inputGradient : HeapBuffer(zeros: 0)
    }

    /// Whether a layer's backward pass runs as matrix products (`MatrixLayerKernel`): when its forward pass did
    /// (the expanded basis is held), and the regulariser (which only the loops compute) is off.
    func takesMatrixBackward(_ layer: KANLayer, cache: LayerCache, regularizing: Bool) -> Bool {
        !regularizing && cache.holdsExpandedBasis && MatrixLayerKernel.isWorthIt(layer, rows: batch)
    }

    /// How a layer's dense backward pass runs, given its regularisation terms and whether the input's gradient is wanted.
    static func denseBackwardMode(_ cache: LayerCache, terms: RegularizationTerms?, inputGradient: Bool) -> DenseBackwardMode {
        DenseBackwardMode(sumGradient: cache.sumGradient.pointer, inputGradient: inputGradient ? cache.inputGradient.pointer : nil,
                          regularization: terms,
                          edgeValues: terms != nil && cache.holdsEdgeValues ? UnsafePointer(cache.edgeValues.pointer) : nil,
                          poolsGradients: cache.repeats.poolsGradients(inputGradient: inputGradient))
    }

    /// The dense pass over all rows in chunks; returns the chunks' partials reduced in chunk order (`[G | scale_base
    /// gradient | 0]`, `partialCount` values).
    private func denseBackward(_ pinned: PinnedLayer, _ layer: KANLayer, mode: DenseBackwardMode, cache: LayerCache,
                               partialCount: Int) -> UnsafeMutablePointer<Double> {
        let chunks = Self.chunks(rows: batch, work: batch * layer.inputs * layer.outputs)
        let chunk = denseBackwardChunk(pinned, layer, mode: mode, cache: cache, partialCount: partialCount, chunks: chunks.count)
        Self.run(chunks) { index, rows in chunk(index, rows) }
        return Self.reducePartials(cache, partialCount: partialCount, chunks: chunks.count)
    }

    /// What one chunk of a dense backward pass runs (`chunk(index, rows)`), its partial results zeroed and written
    /// in the cache's room for `chunks` chunks of `partialCount` values.
    func denseBackwardChunk(_ pinned: PinnedLayer, _ layer: KANLayer, mode: DenseBackwardMode, cache: LayerCache, partialCount: Int,
                            chunks: Int) -> (Int, Range<Int>) -> Void {
        let stride = Self.chunkStride(partialCount)
        return layer.withKernelSizes(DenseBackwardChunk(pinned: pinned, cache: cache, mode: mode,
                                                        partials: cache.chunkResults(count: chunks * stride), stride: stride,
                                                        partialCount: partialCount))
    }

    /// The partials of `chunks` chunks summed into the first, in chunk order; returns it.
    static func reducePartials(_ cache: LayerCache, partialCount: Int, chunks: Int) -> UnsafeMutablePointer<Double> {
        let stride = chunkStride(partialCount), partials = cache.chunkResults(count: chunks * stride)
        for chunk in 1..<chunks {
            let part = partials + chunk * stride
            for index in 0..<partialCount { partials[index] += part[index] }
        }
        return partials
    }

    /// One chunk of a dense backward pass with the layer's kernel sizes as a type (`KANLayer.withKernelSizes`).
    private struct DenseBackwardChunk: KernelPass {
        let pinned: PinnedLayer
        let cache: LayerCache
        let mode: DenseBackwardMode
        let partials: UnsafeMutablePointer<Double>
        let stride: Int
        let partialCount: Int

        func run<Sizes: KernelSizes>(_ sizes: Sizes) -> (Int, Range<Int>) -> Void {
            let kernel = DenseLayerKernel(pinned, sizes: sizes, cache: cache)
            let (mode, partials, stride, partialCount) = (mode, partials, stride, partialCount)
            return { chunk, rows in
                let partial = partials + chunk * stride
                partial.update(repeating: 0, count: partialCount)
                kernel.backward(rows: rows, mode: mode, into: partial)
            }
        }
    }

    /// From `total` (`[G | scale_base gradient | 0]`) to the coefficient, scale_base and scale_sp gradients in
    /// `gradient`, plus the coefficient regularisation terms.
    func writeEdgeGradients(_ total: UnsafeMutablePointer<Double>, layer: KANLayer, cache: LayerCache,
                                    offsets: ParameterLayout.LayerOffsets, regularization: Regularization,
                                    gradient: UnsafeMutablePointer<Double>) {
        let (ins, outs, n) = (layer.inputs, layer.outputs, layer.coefficientsPerEdge)
        let edges = ins * outs, coefficientCount = layer.coefficients.count, splineWeight = cache.splineWeight.pointer
        for i in 0..<ins {
            for j in 0..<n {
                for o in 0..<outs {
                    let index = (i * n + j) * outs + o, edge = i * outs + o
                    total[coefficientCount + edges + edge] += layer.mask[edge] * layer.coefficients[index] * total[index]
                    total[index] *= splineWeight[edge]
                }
            }
        }
        for index in 0..<coefficientCount { gradient[offsets.coefficients.lowerBound + index] = total[index] }
        if let range = offsets.scaleBase { for e in 0..<edges { gradient[range.lowerBound + e] = total[coefficientCount + e] } }
        if let range = offsets.scaleSpline { for e in 0..<edges { gradient[range.lowerBound + e] = total[coefficientCount + edges + e] } }
        if regularization.isActive {
            _ = regularization.coefficientTerms(layer, gradient: gradient + offsets.coefficients.lowerBound)
        }
    }
}
