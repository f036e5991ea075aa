import Optimization

extension KANEvaluator {
    /// The backward pass with all layers in one parallel region, the counterpart of `fusedForward`: each chunk of
    /// rows goes down through every layer (node maps, then edges) on one thread, the input gradient it computes for a
    /// layer being the next layer's upstream gradient for the same rows.
    ///
    /// What sums over rows stays as in the layer-by-layer pass (`backwardLayer`): each chunk's partial gradients,
    /// reduced in chunk order, and the node maps' gradients, summed over all rows in order after the region. So the
    /// gradient is identical. It runs when every layer takes its dense kernels over the same chunks of rows and has
    /// no symbolic edge (whose gradients sum over rows inside their pass); false otherwise, with nothing written.
    func fusedBackward(_ model: KANModel, layout: ParameterLayout, outputGradient: [Double], regularization: Regularization,
                       scaleGradients: [[Double]]?, gradient: UnsafeMutablePointer<Double>) -> Bool {
        let layers = model.layers
        guard layers.count > 1 else { return false }
        let chunks = Self.chunks(rows: batch, work: batch * layers[0].inputs * layers[0].outputs)
        guard chunks.count > 1,
              layers.allSatisfy({ Self.chunks(rows: batch, work: batch * $0.inputs * $0.outputs) == chunks })
        else { return false }
        for (l, (layer, cache)) in zip(layers, caches).enumerated() {
            let regularizing = scaleGradients != nil
            guard cache.hasDerivatives || l == 0,
                  cache.repeats.sparseBackward(regularizing: regularizing, inputGradient: l > 0) == nil,
                  regularizing || !cache.holdsExpandedBasis || !MatrixLayerKernel.isWorthIt(layer, rows: batch),
                  cache.symbolicKernel(for: layer).edges.isEmpty
            else { return false }
        }
        let terms = zip(layers, caches).enumerated().map { l, pair in
            scaleGradients.map { dv in
                guard let statistics = pair.1.statistics else { preconditionFailure("regularising needs forward(statistics: true)") }
                return statistics.regularizationTerms(scaleGradient: dv[l], outputs: pair.0.outputs, rows: batch)
            }
        }
        for (l, (layer, cache)) in zip(layers, caches).enumerated() {
            cache.prepareBackward(layer, rows: batch, inputGradient: l > 0)
        }
        let partialCounts = layers.map { $0.coefficients.count + 2 * $0.inputs * $0.outputs }
        let top = HeapBuffer(outputGradient)
        // Each layer's dLoss/d(its outputs): the loss's for the last layer, the next layer's input gradient otherwise.
        let upstream = layers.indices.map { l in l == layers.count - 1 ? top.pointer : caches[l + 1].inputGradient.pointer }
        withKeptInputsPinned(layers, from: 0, pinned: []) { pinned in
            let steps = layers.indices.map { l in
                denseBackwardChunk(pinned[l], layers[l], mode: Self.denseBackwardMode(caches[l], terms: terms[l], inputGradient: l > 0),
                                   cache: caches[l], partialCount: partialCounts[l], chunks: chunks.count)
            }
            let (sums, sumGradients) = (caches.map { $0.sums.pointer }, caches.map { $0.sumGradient.pointer })
            Self.run(chunks) { chunk, rows in
                for l in layers.indices.reversed() {
                    NodeAffine.sumGradients(layers[l], sums: sums[l], upstream: upstream[l], rows: rows, into: sumGradients[l])
                    steps[l](chunk, rows)
                }
            }
        }
        for l in layers.indices.reversed() {
            let (layer, cache, offsets) = (layers[l], caches[l], layout.layers[l])
            if let affine = offsets.affine {
                NodeAffine.affineGradients(layer, sums: cache.sums.pointer, upstream: upstream[l], rows: batch,
                                           into: gradient + affine.lowerBound)
            }
            let total = Self.reducePartials(cache, partialCount: partialCounts[l], chunks: chunks.count)
            writeEdgeGradients(total, layer: layer, cache: cache, offsets: offsets, regularization: regularization, gradient: gradient)
        }
        return true
    }

    /// Runs `body` with layers `index...` pinned on their kept inputs (`LayerCache.pinning`) after the `pinned` ones.
    private func withKeptInputsPinned(_ layers: [KANLayer], from index: Int, pinned: [PinnedLayer], _ body: ([PinnedLayer]) -> Void) {
        guard index < layers.count else { return body(pinned) }
        caches[index].pinning(layers[index]) { layer in
            withKeptInputsPinned(layers, from: index + 1, pinned: pinned + [layer], body)
        }
    }
}
