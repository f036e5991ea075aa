extension KANEvaluator {
    /// One layer's backward pass: through the node affine maps, the edges (dense, or through the sparse view),
    /// the symbolic edges; its parameters' gradients are written into `gradient` at `offsets`. Returns
    /// `dLoss/dinput` (`[batch, inputs]`) when `needInputGradient`, else an empty buffer.
    func backwardLayer(_ layer: KANLayer, cache: LayerCache, offsets: ParameterLayout.LayerOffsets, upstream: HeapBuffer<Double>,
                       scaleGradient: [Double]?, regularization: Regularization, needInputGradient: Bool,
                       gradient: UnsafeMutablePointer<Double>) -> HeapBuffer<Double> {
        precondition(cache.hasDerivatives || !needInputGradient, "the input's gradient needs forward(gradients: true)")
        cache.prepareBackward(layer, rows: batch, inputGradient: needInputGradient)
        NodeAffine.backward(layer, sums: cache.sums.pointer, upstream: upstream.pointer, rows: batch,
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
            } else if terms == nil, cache.holdsExpandedBasis, MatrixLayerKernel.isWorthIt(layer, rows: batch) {
                total = cache.chunkResults(count: partialCount)
                let kernel = MatrixLayerKernel(pinned, cache: cache)
                kernel.backward(rows: batch, sumGradient: cache.sumGradient.pointer, into: total)
                if let inputGradient {
                    kernel.inputGradient(rows: batch, sumGradient: cache.sumGradient.pointer,
                                         expanded: cache.matrixGradientScratch(layer, rows: batch), into: inputGradient)
                }
            } else {
                let mode = DenseBackwardMode(sumGradient: cache.sumGradient.pointer, inputGradient: inputGradient,
                                             regularization: terms,
                                             edgeValues: terms != nil && cache.holdsEdgeValues ? UnsafePointer(cache.edgeValues.pointer) : nil,
                                             poolsGradients: cache.repeats.poolsGradients(inputGradient: needInputGradient))
                total = layer.withKernelSizes(DenseBackwardPass(evaluator: self, pinned: pinned, cache: cache, mode: mode,
                                                                partialCount: partialCount))
            }
            SymbolicEdgePass(cache.symbolicKernel(for: layer), layer: layer)
                .backward(input: pinned.input, rows: batch, sumGradient: cache.sumGradient.pointer, inputGradient: inputGradient,
                          gradient: gradient + offsets.symbolic.lowerBound)
            return total
        }
        writeEdgeGradients(total, layer: layer, cache: cache, offsets: offsets, regularization: regularization, gradient: gradient)
        return needInputGradient ? cache.inputGradient : HeapBuffer(zeros: 0)
    }

    /// The dense pass of one layer, for `KANLayer.withKernelSizes`.
    private struct DenseBackwardPass: KernelPass {
        let evaluator: KANEvaluator
        let pinned: PinnedLayer
        let cache: LayerCache
        let mode: DenseBackwardMode
        let partialCount: Int

        func run<Sizes: KernelSizes>(_ sizes: Sizes) -> UnsafeMutablePointer<Double> {
            evaluator.denseBackward(DenseLayerKernel(pinned, sizes: sizes, cache: cache),
                                    mode: mode, cache: cache, partialCount: partialCount)
        }
    }

    /// The dense pass over all rows in chunks; returns the chunks' partials reduced in chunk order (`[G | scale_base
    /// gradient | 0]`, `partialCount` values).
    private func denseBackward<Sizes>(_ kernel: DenseLayerKernel<Sizes>, mode: DenseBackwardMode, cache: LayerCache,
                               partialCount: Int) -> UnsafeMutablePointer<Double> {
        let chunks = Self.chunks(rows: batch, work: batch * kernel.inputs * kernel.outputs)
        let stride = Self.chunkStride(partialCount)
        let partials = cache.chunkResults(count: chunks.count * stride)
        Self.run(chunks) { chunk, rows in
            let partial = partials + chunk * stride
            partial.update(repeating: 0, count: partialCount)
            kernel.backward(rows: rows, mode: mode, into: partial)
        }
        for chunk in 1..<chunks.count {
            let part = partials + chunk * stride
            for index in 0..<partialCount { partials[index] += part[index] }
        }
        return partials
    }

    /// From `total` (`[G | scale_base gradient | 0]`) to the coefficient, scale_base and scale_sp gradients in
    /// `gradient`, plus the coefficient regularisation terms.
    private func writeEdgeGradients(_ total: UnsafeMutablePointer<Double>, layer: KANLayer, cache: LayerCache,
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
