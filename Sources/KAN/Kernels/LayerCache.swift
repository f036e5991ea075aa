extension KANEvaluator {
    /// What the evaluator keeps of one layer between passes: the last input and its basis (a layer whose input
    /// did not change, the first one across a fit's evaluations, reuses it), the node sums, the regulariser's
    /// statistics, the compiled symbolic edges and the repeated-input policy. Its buffers are `HeapBuffer`s that
    /// grow and are reused, so the kernels work on plain pointers; the only arrays a pass pins are the input and
    /// the layer's coefficients (`pinning`).
    final class LayerCache {
        /// The layer's input `[batch, inputs]` of the last forward pass.
        private(set) var input: [Double] = []
        /// Per (row, input) of `input`: where its `k + 1` possibly non-zero basis values start, the values and
        /// (when `hasDerivatives`) their derivatives (`[batch, inputs, k + 1]`), `b(x)` and `b'(x)`.
        private(set) var starts = HeapBuffer<Int32>(zeros: 0)
        private(set) var basis = HeapBuffer<Double>(zeros: 0)
        private(set) var basisDerivative = HeapBuffer<Double>(zeros: 0)
        private(set) var base = HeapBuffer<Double>(zeros: 0)
        private(set) var baseDerivative = HeapBuffer<Double>(zeros: 0)
        /// The basis arrays hold the basis of `input` on these tables (with derivatives when `hasDerivatives`).
        private(set) var basisFor: BasisTables?
        /// Or the repeated-input policy's sparse view stands in for them, built on these tables (`sparseFirst`).
        private var sparseFirstTables: BasisTables?
        private(set) var hasDerivatives = false
        /// For `MatrixLayerKernel`: the basis expanded densely (`[batch, width]`, current when `holdsExpandedBasis`),
        /// the scaled coefficients, and the input gradient's scratch.
        private(set) var expandedBasis = HeapBuffer<Double>(zeros: 0)
        private(set) var holdsExpandedBasis = false
        private(set) var scaledCoefficients = HeapBuffer<Double>(zeros: 0)
        private(set) var expandedGradient = HeapBuffer<Double>(zeros: 0)
        /// Each output node's sum of edges before its affine map, `[batch, outputs]`.
        private(set) var sums = HeapBuffer<Double>(zeros: 0)
        /// `mask * scale_base`, `mask * scale_sp` and `mask` per edge, of the current pass's layer.
        private(set) var baseWeight = HeapBuffer<Double>(zeros: 0)
        private(set) var splineWeight = HeapBuffer<Double>(zeros: 0)
        private(set) var mask = HeapBuffer<Double>(zeros: 0)
        /// The current pass's layer's node maps: `[subnode_scale | subnode_bias | node_scale | node_bias]` and where
        /// each multiplication node's subnodes start (`nodeMaps`).
        private var affineVectors = HeapBuffer<Double>(zeros: 0)
        private var multiplicationStarts = HeapBuffer<Int>(zeros: 0)
        private var nodeSizes = (outputs: 0, sumNodes: 0, nodes: 0)
        /// The current pass's layer's node maps, in the cache's buffers.
        var nodeMaps: NodeMaps {
            let (vectors, outs, nodes) = (affineVectors.pointer, nodeSizes.outputs, nodeSizes.nodes)
            return NodeMaps(outputs: outs, sumNodes: nodeSizes.sumNodes, nodes: nodes, subnodeScale: vectors, subnodeBias: vectors + outs,
                            nodeScale: vectors + 2 * outs, nodeBias: vectors + 2 * outs + nodes,
                            multiplicationStarts: multiplicationStarts.pointer)
        }
        /// `dLoss/dsum` (`[batch, outputs]`) and `dLoss/dinput` (`[batch, inputs]`) of the current backward pass.
        private(set) var sumGradient = HeapBuffer<Double>(zeros: 0)
        private(set) var inputGradient = HeapBuffer<Double>(zeros: 0)
        /// The current pass's per-chunk partial results, before their reduction in chunk order.
        private var chunkResults = HeapBuffer<Double>(zeros: 0)
        /// Set by a forward pass with statistics.
        var statistics: EdgeStatistics?
        /// Each spline edge's value per row, `[batch, inputs * outputs]`, written by a dense forward pass with
        /// statistics when they fit in `edgeValueBytes`, so that the backward pass's regulariser reads them instead of
        /// summing every spline again. Current when `holdsEdgeValues`.
        private(set) var edgeValues = HeapBuffer<Double>(zeros: 0)
        private(set) var holdsEdgeValues = false
        var repeats = RepeatedInputPolicy()
        private var tables: BasisTables?
        private var tablesKnots: [[Double]] = []
        private var symbolicKernel: SymbolicKernel?

        /// The first layer's inputs as "mostly at one value", when they are.
        var sparse: SparseInputs? { repeats.sparse }

        /// The basis tables of the layer's knots, rebuilt only when the knots changed.
        func tables(for layer: KANLayer) -> BasisTables {
            if let tables, tablesKnots == layer.knots { return tables }
            let tables = BasisTables(knots: layer.knots, order: layer.order)
            self.tables = tables
            tablesKnots = layer.knots
            return tables
        }

        /// The compiled symbolic edges of the layer, rebuilt when they change.
        func symbolicKernel(for layer: KANLayer) -> SymbolicKernel {
            if let kernel = symbolicKernel, kernel.definitions == layer.symbolic.map({ $0?.definition }) { return kernel }
            let kernel = SymbolicKernel(layer)
            symbolicKernel = kernel
            return kernel
        }

        /// Whether `input` is the one whose basis on `tables` is kept (with derivatives, when they are needed).
        func holdsBasis(of input: [Double], on tables: BasisTables, derivatives: Bool) -> Bool {
            basisFor === tables && self.input == input && (hasDerivatives || !derivatives)
        }

        /// The sparse view that stands in for `input`'s dense basis on `tables` (`RepeatedInputPolicy.sparseFirst`):
        /// the one kept, or one built now when the dense basis of `rows` rows would be large and the input's values
        /// repeat; the dense buffers are then released. Nil when the input needs its dense basis.
        func sparseFirst(for input: [Double], on tables: BasisTables, layer: KANLayer, rows: Int) -> SparseInputs? {
            if sparseFirstTables === tables, self.input == input, let sparse = repeats.sparse { return sparse }
            guard rows * layer.inputs * (layer.order + 1) * MemoryLayout<Double>.stride >= RepeatedInputPolicy.sparseFirstBytes,
                  let sparse = SparseInputs(input: input, rows: rows, inputs: layer.inputs, tables: tables, order: layer.order,
                                            baseFunction: layer.baseFunction)
            else { return nil }
            self.input = input
            (basisFor, sparseFirstTables, hasDerivatives, holdsExpandedBasis) = (nil, tables, false, false)
            (expandedBasis, expandedGradient) = (HeapBuffer(zeros: 0), HeapBuffer(zeros: 0))
            (starts, basis, basisDerivative) = (HeapBuffer(zeros: 0), HeapBuffer(zeros: 0), HeapBuffer(zeros: 0))
            (base, baseDerivative) = (HeapBuffer(zeros: 0), HeapBuffer(zeros: 0))
            repeats.sparseFirst(sparse)
            return sparse
        }

        /// Whether `sparseFirst` might give a sparse view for `rows` rows of `layer`: when their dense basis would be large.
        func mayTakeSparseFirst(_ layer: KANLayer, rows: Int) -> Bool {
            sparseFirstTables != nil
                || rows * layer.inputs * (layer.order + 1) * MemoryLayout<Double>.stride >= RepeatedInputPolicy.sparseFirstBytes
        }

        /// Makes room for `MatrixLayerKernel`'s buffers for `rows` rows of `layer`; returns whether the expanded
        /// basis must be written (it is then taken as written).
        func prepareMatrixProducts(_ layer: KANLayer, rows: Int) -> Bool {
            let width = MatrixLayerKernel.width(layer)
            scaledCoefficients = .atLeast(width * layer.outputs, reusing: scaledCoefficients)
            guard !holdsExpandedBasis else { return false }
            expandedBasis = .atLeast(rows * width, reusing: expandedBasis)
            holdsExpandedBasis = true
            return true
        }

        /// The scratch of `MatrixLayerKernel.inputGradient` for `rows` rows of `layer`.
        func matrixGradientScratch(_ layer: KANLayer, rows: Int) -> UnsafeMutablePointer<Double> {
            expandedGradient = .atLeast(rows * MatrixLayerKernel.width(layer), reusing: expandedGradient)
            return expandedGradient.pointer
        }

        /// Keeps `input` and makes room for its basis, which the next forward pass evaluates.
        func keep(_ input: [Double], tables: BasisTables, derivatives: Bool, layer: KANLayer, rows: Int) {
            makeRoom(layer, rows: rows, derivatives: derivatives)
            record(input, tables: tables, derivatives: derivatives)
        }

        /// Records `input` as the one whose basis on `tables` the buffers hold (`makeRoom` made them; a pass wrote them,
        /// with the derivatives when `derivatives`). The derivatives of an unchanged input stay kept when the pass
        /// did not write them, as they do when a layer-by-layer pass finds its input unchanged.
        func record(_ input: [Double], tables: BasisTables, derivatives: Bool) {
            let keepsDerivatives = !derivatives && hasDerivatives && basisFor === tables && self.input == input
            self.input = input
            (basisFor, sparseFirstTables, holdsExpandedBasis) = (tables, nil, false)
            hasDerivatives = derivatives || keepsDerivatives
        }

        /// Makes room for the basis of `rows` rows of `layer`'s input.
        func makeRoom(_ layer: KANLayer, rows: Int, derivatives: Bool) {
            let values = rows * layer.inputs, p = layer.order + 1
            starts = .atLeast(values, reusing: starts)
            basis = .atLeast(values * p, reusing: basis)
            basisDerivative = .atLeast(derivatives ? values * p : 0, reusing: basisDerivative)
            base = .atLeast(values, reusing: base)
            baseDerivative = .atLeast(values, reusing: baseDerivative)
        }

        /// Makes room for a forward pass of `rows` rows through `layer` and loads its edge weights.
        func prepareForward(_ layer: KANLayer, rows: Int) {
            sums = .atLeast(rows * layer.outputs, reusing: sums)
            holdsEdgeValues = false
            loadWeights(layer)
        }

        /// The most memory the edge values of one layer may take: a small network's pass keeps them (hellokan's:
        /// 80 KB), a wide one on many rows sums its splines again instead.
        static let edgeValueBytes = 16 << 20

        /// Room for the values of `edges` edges on `rows` rows, taken as written; nil when they would not fit.
        func edgeValues(edges: Int, rows: Int) -> UnsafeMutablePointer<Double>? {
            let count = rows * edges
            guard count * MemoryLayout<Double>.stride <= Self.edgeValueBytes else { return nil }
            edgeValues = .atLeast(count, reusing: edgeValues)
            holdsEdgeValues = true
            return edgeValues.pointer
        }

        /// Makes room for a backward pass of `rows` rows through `layer` (with the input's gradient when
        /// `inputGradient`) and loads its edge weights.
        func prepareBackward(_ layer: KANLayer, rows: Int, inputGradient: Bool) {
            sumGradient = .atLeast(rows * layer.outputs, reusing: sumGradient)
            self.inputGradient = .atLeast(inputGradient ? rows * layer.inputs : 0, reusing: self.inputGradient)
            loadWeights(layer)
        }

        private func loadWeights(_ layer: KANLayer) {
            let edges = layer.inputs * layer.outputs
            baseWeight = .atLeast(edges, reusing: baseWeight)
            splineWeight = .atLeast(edges, reusing: splineWeight)
            mask = .atLeast(edges, reusing: mask)
            let (mask, baseWeight, splineWeight) = (mask.pointer, baseWeight.pointer, splineWeight.pointer)
            for e in 0..<edges {
                mask[e] = layer.mask[e]
                baseWeight[e] = layer.mask[e] * layer.scaleBase[e]
                splineWeight[e] = layer.mask[e] * layer.scaleSpline[e]
            }
            loadNodeMaps(layer)
        }

        private func loadNodeMaps(_ layer: KANLayer) {
            let (outs, nodes, sumNodes) = (layer.outputs, layer.nodes, layer.sumNodes)
            affineVectors = .atLeast(2 * outs + 2 * nodes, reusing: affineVectors)
            let vectors = affineVectors.pointer
            for o in 0..<outs { (vectors[o], vectors[outs + o]) = (layer.subnodeScale[o], layer.subnodeBias[o]) }
            for n in 0..<nodes { (vectors[2 * outs + n], vectors[2 * outs + nodes + n]) = (layer.nodeScale[n], layer.nodeBias[n]) }
            multiplicationStarts = .atLeast(nodes - sumNodes + 1, reusing: multiplicationStarts)
            for m in 0..<(nodes - sumNodes) { multiplicationStarts.pointer[m] = layer.subnodes(ofNode: sumNodes + m).lowerBound }
            multiplicationStarts.pointer[nodes - sumNodes] = outs
            nodeSizes = (outs, sumNodes, nodes)
        }

        /// Room for `count` per-chunk partial results, each chunk's part to be zeroed by its chunk.
        func chunkResults(count: Int) -> UnsafeMutablePointer<Double> {
            chunkResults = .atLeast(count, reusing: chunkResults)
            return chunkResults.pointer
        }

        /// Runs `body` with the layer as the kernels read it: the two arrays a pass reads from outside the cache
        /// (`input` and the layer's coefficients) pinned, and the edge weights. The one place a pass pins memory.
        func pinning<Result>(_ layer: KANLayer, _ body: (PinnedLayer) -> Result) -> Result {
            input.withUnsafeBufferPointer { input in pinning(layer, input: input.baseAddress!, body) }
        }

        /// As `pinning`, for an input that is not kept yet (`KANEvaluator.fusedForward` writes it as it goes).
        func pinning<Result>(_ layer: KANLayer, input: UnsafePointer<Double>, _ body: (PinnedLayer) -> Result) -> Result {
            layer.coefficients.withUnsafeBufferPointer { coefficients in
                body(PinnedLayer(inputs: layer.inputs, outputs: layer.outputs, p: layer.order + 1, n: layer.coefficientsPerEdge,
                                 input: input, coefficients: coefficients.baseAddress!,
                                 baseWeight: baseWeight.pointer, splineWeight: splineWeight.pointer, mask: mask.pointer))
            }
        }
    }
}
