import Optimization

extension KANEvaluator {
    /// The forward pass with all layers in one parallel region: each chunk of rows goes through every layer (its
    /// edges, symbolic edges and node maps) on one thread, so the rows a layer outputs are the next layer's input
    /// where they were just computed, and the pass waits for its threads once instead of once per layer.
    ///
    /// The arithmetic of every row, the chunks, and the order their statistics are merged in are those of the
    /// layer-by-layer pass (`forwardLayer`), so the results are identical. It runs when every layer takes its dense
    /// kernels over the same chunks of rows; nil otherwise (then the layer-by-layer pass runs). A hidden layer's
    /// basis is evaluated anew even when its input did not change: the same values.
    func fusedForward(_ model: KANModel, inputs: Matrix, statistics: Bool, gradients: Bool) -> Matrix? {
        let layers = model.layers
        guard layers.count > 1, sameChunks(layers),
              !layers.indices.contains(where: { takesMatrixForward(layers[$0], statistics: statistics) })
        else { return nil }
        let chunks = Self.chunks(rows: batch, work: batch * layers[0].inputs * layers[0].outputs)
        let first = caches[0], firstTables = first.tables(for: layers[0])
        let sameInput = first.holdsBasis(of: inputs.values, on: firstTables, derivatives: false)
        if sameInput {
            guard first.repeats.sparseForward(sameInput: true, statistics: statistics) == nil else { return nil }
        } else {
            guard statistics || !first.mayTakeSparseFirst(layers[0], rows: batch) else { return nil }
            first.keep(inputs.values, tables: firstTables, derivatives: false, layer: layers[0], rows: batch)
        }
        let tables = layers.indices.map { $0 == 0 ? firstTables : caches[$0].tables(for: layers[$0]) }
        // Layers are read in place (`layers[l]`) rather than copied, which would retain each of their arrays.
        for l in layers.indices {
            if l > 0 { caches[l].makeRoom(layers[l], rows: batch, derivatives: gradients) }
            caches[l].prepareForward(layers[l], rows: batch)
        }
        let modes = layers.indices.map { l in
            DenseForwardMode(evaluatesBasis: l > 0 || !sameInput, derivatives: l > 0 && gradients,
                             keepsSplineSums: l == 0 && caches[0].repeats.keepsSplineSums(sameInput: sameInput),
                             tables: tables[l], baseFunction: layers[l].baseFunction)
        }
        let repeatHits = HeapBuffer<Int>(zeros: layers.count * chunks.count)
        let outputs = Self.withUninitializedArrays(counts: layers.indices.map { batch * layers[$0].nodes }) { outputs in
            withPinned(layers, inputs: [nil] + outputs.dropLast().map { UnsafePointer($0) }) { pinned in
                let steps = layers.indices.map { l in
                    denseForwardChunk(pinned[l], layers[l], mode: modes[l], cache: caches[l], statistics: statistics,
                                      chunks: chunks.count)
                }
                let symbolic = layers.indices.map { l in
                    let kernel = caches[l].symbolicKernel(for: layers[l])
                    return kernel.edges.isEmpty ? nil : SymbolicEdgePass(kernel, layer: layers[l])
                }
                let (sums, maps, count) = (caches.map { $0.sums.pointer }, caches.map(\.nodeMaps), layers.count)
                // The chunks read none of the layers' parameter arrays (their reference counts would be contended for).
                Self.run(chunks) { chunk, rows in
                    for l in 0..<count {
                        repeatHits.pointer[l * chunks.count + chunk] = steps[l](chunk, rows)
                        if let pass = symbolic[l] {
                            pass.forward(input: pinned[l].input + rows.lowerBound * pinned[l].inputs, rows: rows.count,
                                         sums: sums[l] + rows.lowerBound * pinned[l].outputs)
                        }
                        NodeAffine.forward(maps[l], sums: sums[l], rows: rows, into: outputs[l])
                    }
                }
                for l in layers.indices {
                    finishDenseForward(pinned[l], cache: caches[l], statistics: statistics, chunks: chunks)
                }
            }
        }
        for l in layers.indices {
            if l > 0 { caches[l].record(outputs[l - 1], tables: tables[l], derivatives: gradients) }
            if l > 0 || !sameInput {
                let hits = (0..<chunks.count).reduce(0) { $0 + repeatHits[l * chunks.count + $1] }
                caches[l].repeats.newInput(repeatHits: hits, values: batch * layers[l].inputs)
            }
        }
        if sameInput {
            first.repeats.sameInputAgain(firstLayer: true) {
                SparseInputs(input: inputs.values, rows: batch, inputs: layers[0].inputs, tables: firstTables, order: layers[0].order,
                             baseFunction: layers[0].baseFunction)
            }
        }
        return Matrix(rows: batch, columns: model.outputCount, values: outputs[layers.count - 1])
    }

    /// Whether every layer's pass is cut into the same chunks of rows, more than one (`chunks(rows:work:)`).
    func sameChunks(_ layers: [KANLayer]) -> Bool {
        guard batch >= 64 else { return false }
        return !layers.indices.contains { !Self.worthThreads(work: batch * layers[$0].inputs * layers[$0].outputs) }
    }

    /// Runs `body` with layers `index...` pinned (`LayerCache.pinning`) after the `pinned` ones: layer `l` on
    /// `inputs[l]` when given (a fused pass writes it as it goes), else on the input its cache keeps.
    func withPinned(_ layers: [KANLayer], inputs: [UnsafePointer<Double>?], from index: Int = 0, pinned: [PinnedLayer] = [],
                    _ body: ([PinnedLayer]) -> Void) {
        guard index < layers.count else { return body(pinned) }
        func next(_ layer: PinnedLayer) { withPinned(layers, inputs: inputs, from: index + 1, pinned: pinned + [layer], body) }
        if let input = inputs[index] {
            caches[index].pinning(layers[index], input: input, next)
        } else {
            caches[index].pinning(layers[index], next)
        }
    }

    /// Arrays of `counts` elements, each written by `body` through its pointer in full.
    private static func withUninitializedArrays(counts: [Int], _ body: ([UnsafeMutablePointer<Double>]) -> Void) -> [[Double]] {
        func make(_ index: Int, _ pointers: [UnsafeMutablePointer<Double>]) -> [[Double]] {
            guard index < counts.count else {
                body(pointers)
                return []
            }
            var rest: [[Double]] = []
            let array = [Double](unsafeUninitializedCapacity: counts[index]) { buffer, initialized in
                rest = make(index + 1, pointers + [buffer.baseAddress!])
                initialized = counts[index]
            }
            return [array] + rest
        }
        return make(0, [])
    }
}
