extension KANEvaluator {
    /// One layer's forward pass: the edge sums (dense, or through the sparse view), the regulariser's statistics
    /// when asked, the symbolic edges, then the node affine maps. Returns the layer's output `[batch, outputs]`.
    func forwardLayer(_ layer: KANLayer, cache: LayerCache, input: [Double], derivatives: Bool, statistics: Bool,
                      first: Bool) -> [Double] {
        let tables = cache.tables(for: layer)
        let sameInput = cache.holdsBasis(of: input, on: tables, derivatives: derivatives)
        // A large repeating first-layer input goes through its sparse view alone, its dense basis never built.
        let sparseFirst = !sameInput && first && !statistics && !derivatives
            ? cache.sparseFirst(for: input, on: tables, layer: layer, rows: batch) : nil
        if !sameInput, sparseFirst == nil { cache.keep(input, tables: tables, derivatives: derivatives, layer: layer, rows: batch) }
        cache.prepareForward(layer, rows: batch)
        cache.pinning(layer) { pinned in
            if let sparse = sparseFirst ?? cache.repeats.sparseForward(sameInput: sameInput, statistics: statistics) {
                let (chunks, stride) = (sparse.inputChunks(outputs: layer.outputs), Self.chunkStride(batch * layer.outputs))
                SparseLayerKernel(pinned, sparse: sparse)
                    .forward(rows: batch, chunks: chunks, scratch: cache.chunkResults(count: chunks.count * stride), stride: stride,
                             into: cache.sums.pointer)
            } else if takesMatrixForward(layer, statistics: statistics) {
                let mode = DenseForwardMode(evaluatesBasis: true, derivatives: derivatives, keepsSplineSums: false,
                                            tables: tables, baseFunction: layer.baseFunction)
                matrixForward(pinned, layer, cache: cache, basis: sameInput ? nil : mode)
            } else {
                let mode = DenseForwardMode(evaluatesBasis: !sameInput, derivatives: derivatives,
                                            keepsSplineSums: cache.repeats.keepsSplineSums(sameInput: sameInput),
                                            tables: tables, baseFunction: layer.baseFunction)
                let repeatHits = denseForward(pinned, layer, mode: mode, cache: cache, statistics: statistics)
                if !sameInput { cache.repeats.newInput(repeatHits: repeatHits, values: batch * layer.inputs) }
            }
            SymbolicEdgePass(cache.symbolicKernel(for: layer), layer: layer).forward(input: pinned.input, rows: batch, sums: cache.sums.pointer)
        }
        if sameInput {
            // The sparse view is built on the second pass over the same input (as in a line search).
            cache.repeats.sameInputAgain(firstLayer: first) {
                SparseInputs(input: input, rows: batch, inputs: layer.inputs, tables: tables, order: layer.order,
                             baseFunction: layer.baseFunction)
            }
        }
        return NodeAffine.forward(cache.nodeMaps, sums: cache.sums.pointer, rows: batch)
    }

    /// Whether a layer's forward pass runs as matrix products (`MatrixLayerKernel`): when they beat the loops, and
    /// the pass needs no statistics (which only the loops compute).
    func takesMatrixForward(_ layer: KANLayer, statistics: Bool) -> Bool {
        !statistics && MatrixLayerKernel.isWorthIt(layer, rows: batch)
    }

    /// The edge sums through `MatrixLayerKernel`, the basis evaluated first when `basis` says how (a new input): each
    /// chunk of rows evaluates its basis and expands it in one go, while the values are in cache.
    private func matrixForward(_ pinned: PinnedLayer, _ layer: KANLayer, cache: LayerCache, basis: DenseForwardMode?) {
        let chunks = Self.chunks(rows: batch, work: batch * layer.inputs * layer.outputs)
        let expand = cache.prepareMatrixProducts(layer, rows: batch)
        let kernel = MatrixLayerKernel(pinned, cache: cache)
        if let basis {
            let loops = DenseLayerKernel(pinned, sizes: AnyKernelSizes(outputs: layer.outputs, p: layer.order + 1), cache: cache)
            let repeatHits = HeapBuffer<Int>(zeros: chunks.count)
            Self.run(chunks) { chunk, rows in
                repeatHits.pointer[chunk] = loops.cacheBasis(rows: rows, mode: basis)
                if expand { kernel.expandBasis(rows: rows) }
            }
            cache.repeats.newInput(repeatHits: (0..<chunks.count).reduce(0) { $0 + repeatHits[$1] }, values: batch * layer.inputs)
        } else if expand {
            Self.run(chunks) { _, rows in kernel.expandBasis(rows: rows) }
        }
        kernel.forward(rows: batch, into: cache.sums.pointer)
    }

    /// The dense pass over all rows in chunks, with the statistics merged into `cache.statistics` when asked.
    /// Returns how many (row, input) values equal the previous row's.
    private func denseForward(_ pinned: PinnedLayer, _ layer: KANLayer, mode: DenseForwardMode, cache: LayerCache,
                              statistics: Bool) -> Int {
        let chunks = Self.chunks(rows: batch, work: batch * layer.inputs * layer.outputs)
        let chunk = denseForwardChunk(pinned, layer, mode: mode, cache: cache, statistics: statistics, chunks: chunks.count)
        let repeatHits = HeapBuffer<Int>(zeros: chunks.count)
        Self.run(chunks) { index, rows in repeatHits.pointer[index] = chunk(index, rows) }
        finishDenseForward(pinned, cache: cache, statistics: statistics, chunks: chunks)
        return (0..<chunks.count).reduce(0) { $0 + repeatHits[$1] }
    }

    /// What one chunk of a dense forward pass runs (`chunk(index, rows)`, returning how many of its (row, input)
    /// values equal the previous row's), with the room for `chunks` chunks' statistics made when asked.
    func denseForwardChunk(_ pinned: PinnedLayer, _ layer: KANLayer, mode: DenseForwardMode, cache: LayerCache, statistics: Bool,
                           chunks: Int) -> (Int, Range<Int>) -> Int {
        let edges = layer.inputs * layer.outputs
        let stride = Self.chunkStride(3 * edges)
        let moments = cache.chunkResults(count: statistics ? chunks * stride : 0)
        return layer.withKernelSizes(DenseForwardChunk(pinned: pinned, cache: cache, mode: mode, moments: statistics ? moments : nil,
                                                       stride: stride, edgeValues: statistics ? cache.edgeValues(edges: edges, rows: batch) : nil))
    }

    /// After the chunks of a dense forward pass: their statistics merged into `cache.statistics`, when kept. The
    /// chunks' moments are read where `denseForwardChunk` made room for them, the cache's chunk results, which
    /// nothing else of the layer's pass writes in between.
    func finishDenseForward(_ pinned: PinnedLayer, cache: LayerCache, statistics: Bool, chunks: [Range<Int>]) {
        guard statistics else { return }
        let edges = pinned.inputs * pinned.outputs
        let stride = Self.chunkStride(3 * edges)
        cache.statistics = EdgeStatistics(moments: cache.chunkResults(count: chunks.count * stride), stride: stride, chunks: chunks,
                                          edges: edges, input: pinned.input, rows: batch, inputs: pinned.inputs)
    }

    /// One chunk of a dense forward pass with the layer's kernel sizes as a type (`KANLayer.withKernelSizes`).
    private struct DenseForwardChunk: KernelPass {
        let pinned: PinnedLayer
        let cache: LayerCache
        let mode: DenseForwardMode
        /// Each chunk's moments, `3 * edges` values from `chunk * stride`, when the pass keeps statistics.
        let moments: UnsafeMutablePointer<Double>?
        let stride: Int
        let edgeValues: UnsafeMutablePointer<Double>?

        func run<Sizes: KernelSizes>(_ sizes: Sizes) -> (Int, Range<Int>) -> Int {
            let kernel = DenseLayerKernel(pinned, sizes: sizes, cache: cache)
            let (mode, moments, stride, edgeValues) = (mode, moments, stride, edgeValues)
            let edges = pinned.inputs * pinned.outputs
            return { chunk, rows in
                var chunkMoments: EdgeMoments?
                if let moments {
                    (moments + chunk * stride).update(repeating: 0, count: 3 * edges)
                    chunkMoments = EdgeMoments(moments + chunk * stride, edges: edges)
                }
                return kernel.forward(rows: rows, mode: mode, moments: chunkMoments, edgeValues: edgeValues)
            }
        }
    }
}
