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
        guard layers.count > 1, sameChunks(layers) else { return false }
        let chunks = Self.chunks(rows: batch, work: batch * layers[0].inputs * layers[0].outputs)
        // Layers are read in place (`layers[l]`) rather than copied, which would retain each of their arrays.
        for l in layers.indices {
            let cache = caches[l], regularizing = scaleGradients != nil
            guard cache.hasDerivatives || l == 0,
                  cache.repeats.sparseBackward(regularizing: regularizing, inputGradient: l > 0) == nil,
                  !takesMatrixBackward(layers[l], cache: cache, regularizing: regularizing),
                  cache.symbolicKernel(for: layers[l]).edges.isEmpty
            else { return false }
        }
        let terms = layers.indices.map { l in
            scaleGradients.map { dv in
                guard let statistics = caches[l].statistics else { preconditionFailure("regularising needs forward(statistics: true)") }
                return statistics.regularizationTerms(scaleGradient: dv[l], outputs: layers[l].outputs, rows: batch)
            }
        }
        for l in layers.indices {
            caches[l].prepareBackward(layers[l], rows: batch, inputGradient: l > 0)
        }
        let partialCounts = layers.indices.map { l in layers[l].coefficients.count + 2 * layers[l].inputs * layers[l].outputs }
        let top = HeapBuffer(outputGradient)
        // Each layer's dLoss/d(its outputs): the loss's for the last layer, the next layer's input gradient otherwise.
        let upstream = layers.indices.map { l in l == layers.count - 1 ? top.pointer : caches[l + 1].inputGradient.pointer }
        withPinned(layers, inputs: Array(repeating: nil, count: layers.count)) { pinned in
            let steps = layers.indices.map { l in
                denseBackwardChunk(pinned[l], layers[l], mode: Self.denseBackwardMode(caches[l], terms: terms[l], inputGradient: l > 0),
                                   cache: caches[l], partialCount: partialCounts[l], chunks: chunks.count)
            }
            let (sums, sumGradients, maps) = (caches.map { $0.sums.pointer }, caches.map { $0.sumGradient.pointer }, caches.map(\.nodeMaps))
            let count = layers.count
            Self.run(chunks) { chunk, rows in
                for l in stride(from: count - 1, through: 0, by: -1) {
                    NodeAffine.sumGradients(maps[l], sums: sums[l], upstream: upstream[l], rows: rows, into: sumGradients[l])
                    steps[l](chunk, rows)
                }
            }
        }
        for l in layers.indices.reversed() {
            let cache = caches[l]
            if let affine = layout.layers[l].affine {
                NodeAffine.affineGradients(cache.nodeMaps, sums: cache.sums.pointer, upstream: upstream[l], rows: batch,
                                           into: gradient + affine.lowerBound)
            }
            let total = Self.reducePartials(cache, partialCount: partialCounts[l], chunks: chunks.count)
            writeEdgeGradients(total, layer: layers[l], cache: cache, offsets: layout.layers[l], regularization: regularization,
                               gradient: gradient)
        }
        return true
    }
}
