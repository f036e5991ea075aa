import Optimization

/// Forward and backward passes of a `KANModel` on one batch, with the caches the backward pass needs.
///
/// Per layer it keeps, for every (sample, input), only the `k + 1` basis values that can be non-zero and their
/// derivatives (`[batch, in, k + 1]`), the base function and its derivative, and the summed node values
/// (`[batch, out]`): memory is O(batch x (in + out) x (k + 1)). Edge outputs are recomputed where needed, never
/// stored as `[batch, in, out]`. Large batches are split into a fixed number of chunks run concurrently and
/// reduced in a fixed order, so results do not depend on the machine's core count.
final class KANEvaluator {
    final class LayerCache {
        var input: [Double] = []
        var starts: [Int32] = []
        var basis: [Double] = []
        var basisDerivative: [Double] = []
        var base: [Double] = []
        var baseDerivative: [Double] = []
        var sum: [Double] = []
        var edgeMean: [Double] = []
        var edgeStd: [Double] = []
        var inputMean: [Double] = []
        var inputStd: [Double] = []
        var tables: BasisTables?
        var tablesKnots: [[Double]] = []
        /// The basis arrays hold the basis of `input` on `tables` (with derivatives when `hasDerivatives`):
        /// a layer whose input did not change (the first layer, across a fit's evaluations) reuses them.
        var basisFor: BasisTables?
        var hasDerivatives = false
        var symbolicKernel: SymbolicKernel?
        /// The first layer's inputs as "mostly at one value", when they are.
        var sparse: SparseInputs?
        /// At least a quarter of the inputs repeat the previous row's value: worth pooling gradients for.
        var repeatedInputs = false
        /// Whether building `sparse` was considered for the current input.
        var sparseChecked = false
    }

    /// The compiled symbolic edges of a layer, rebuilt when they change.
    private func symbolicKernel(for layer: LayerCache, _ model: KANLayer) -> SymbolicKernel {
        if let kernel = layer.symbolicKernel, kernel.definitions == model.symbolic.map({ $0?.definition }) { return kernel }
        let kernel = SymbolicKernel(model)
        layer.symbolicKernel = kernel
        return kernel
    }

    private(set) var caches: [LayerCache]
    private(set) var batch = 0

    init(model: KANModel) {
        caches = model.layers.map { _ in LayerCache() }
    }

    /// Splits `rows` into 4 chunks when the work is large enough to be worth threads, else 1.
    static func chunks(rows: Int, work: Int) -> [Range<Int>] {
        let count = work >= 4_096 && rows >= 64 ? 4 : 1
        return (0..<count).map { c in (rows * c / count)..<(rows * (c + 1) / count) }
    }

    static func run(_ chunks: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        if chunks.count == 1 { body(0, chunks[0]); return }
        WorkerPool.shared.run(chunks: chunks.count) { body($0, chunks[$0]) }
    }

    // MARK: forward

    /// The model's outputs; with `statistics`, also the per-edge standard deviations the regulariser needs;
    /// with `gradients`, the basis derivatives the backward pass needs (not for the first layer, whose input
    /// gradient nobody uses).
    func forward(_ model: KANModel, inputs: Matrix, statistics: Bool, gradients: Bool = false) -> Matrix {
        batch = inputs.rows
        var x = inputs.values
        for (l, (layer, cache)) in zip(model.layers, caches).enumerated() {
            x = forwardLayer(layer, cache: cache, input: x, derivatives: gradients && l > 0, statistics: statistics, first: l == 0)
        }
        return Matrix(rows: batch, columns: model.outputCount, values: x)
    }

    /// The basis tables of a layer's knots, rebuilt only when the knots changed.
    private func tables(for layer: KANLayer, cache: LayerCache) -> BasisTables {
        if let tables = cache.tables, cache.tablesKnots == layer.knots { return tables }
        let tables = BasisTables(knots: layer.knots, order: layer.order)
        cache.tables = tables
        cache.tablesKnots = layer.knots
        return tables
    }

    private func forwardLayer(_ layer: KANLayer, cache: LayerCache, input: [Double], derivatives: Bool,
                              statistics: Bool, first: Bool) -> [Double] {
        let (b, ins, outs, p) = (batch, layer.inputs, layer.outputs, layer.order + 1)
        let tables = tables(for: layer, cache: cache)
        let reuse = cache.basisFor === tables && cache.input == input && (cache.hasDerivatives || !derivatives)
        if !reuse {
            cache.input = input
            cache.basisFor = tables
            cache.hasDerivatives = derivatives
            resize(&cache.starts, b * ins)
            resize(&cache.basis, b * ins * p)
            resize(&cache.basisDerivative, derivatives ? b * ins * p : 0)
            resize(&cache.base, b * ins)
            resize(&cache.baseDerivative, b * ins)
        }
        resize(&cache.sum, b * outs)
        let weights = EdgeWeights(layer)
        let edges = ins * outs
        let parts = Self.chunks(rows: b, work: b * edges)
        let caching = reuse && cache.repeatedInputs
        // Per chunk, for the regulariser: [shift | sum of (phi - shift) | sum of (phi - shift)^2] per edge, the
        // shift being the chunk's first row, so the variance keeps its precision.
        var moments = [[Double]](repeating: [], count: parts.count)
        var repeatHits = [Int](repeating: 0, count: parts.count)
        let n = layer.coefficientsPerEdge
        let baseFunction = layer.baseFunction
        if reuse, !statistics, let sparse = cache.sparse {
            forwardSparse(layer, cache: cache, sparse: sparse, weights: weights)
        } else {
        input.withUnsafeBufferPointer { inputBuffer in
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        weights.base.withUnsafeBufferPointer { baseWeightBuffer in
        weights.spline.withUnsafeBufferPointer { splineWeightBuffer in
        cache.starts.withUnsafeMutableBufferPointer { startsBuffer in
        cache.basis.withUnsafeMutableBufferPointer { basisBuffer in
        cache.basisDerivative.withUnsafeMutableBufferPointer { basisDerivativeBuffer in
        cache.base.withUnsafeMutableBufferPointer { baseBuffer in
        cache.baseDerivative.withUnsafeMutableBufferPointer { baseDerivativeBuffer in
        cache.sum.withUnsafeMutableBufferPointer { sumBuffer in
        moments.withUnsafeMutableBufferPointer { momentsBuffer in
        repeatHits.withUnsafeMutableBufferPointer { hitsBuffer in
            nonisolated(unsafe) let (xs, coefficients) = (inputBuffer.baseAddress!, coefficientBuffer.baseAddress!)
            nonisolated(unsafe) let (baseWeight, splineWeight) = (baseWeightBuffer.baseAddress!, splineWeightBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, basis) = (startsBuffer.baseAddress!, basisBuffer.baseAddress!)
            nonisolated(unsafe) let dBasis = derivatives ? basisDerivativeBuffer.baseAddress : nil
            nonisolated(unsafe) let (base, dBase, sums) = (baseBuffer.baseAddress!, baseDerivativeBuffer.baseAddress!, sumBuffer.baseAddress!)
            nonisolated(unsafe) let (momentResults, hits) = (momentsBuffer.baseAddress!, hitsBuffer.baseAddress!)
            Self.run(parts) { chunk, rows in
                let scratch = BasisScratch(order: layer.order)
                let single = UnsafeMutablePointer<Double>.allocate(capacity: outs)
                // Per input, the last value seen and its spline sums: repeated values (a pixel's 0, a category)
                // reuse them instead of summing the basis again.
                let lastX = UnsafeMutablePointer<Double>.allocate(capacity: ins)
                lastX.initialize(repeating: .nan, count: ins)
                let lastS = UnsafeMutablePointer<Double>.allocate(capacity: ins * outs)
                lastS.initialize(repeating: 0, count: ins * outs)
                defer { single.deallocate(); lastX.deallocate(); lastS.deallocate() }
                var local = [Double](repeating: 0, count: statistics ? 3 * edges : 0)
                local.withUnsafeMutableBufferPointer { localBuffer in
                    let (shift, sum1, sum2) = statistics
                        ? (localBuffer.baseAddress!, localBuffer.baseAddress! + edges, localBuffer.baseAddress! + 2 * edges)
                        : (single, single, single)
                    for row in rows {
                        let out = sums + row * outs
                        for o in 0..<outs { out[o] = 0 }
                        for i in 0..<ins {
                            let index = row * ins + i
                            let values = basis + index * p
                            let start: Int
                            let bv: Double
                            if reuse {
                                start = Int(starts[index])
                                bv = base[index]
                            } else {
                                let x = xs[index]
                                start = tables.evaluate(input: i, x: x, values: values, derivatives: dBasis.map { $0 + index * p },
                                                        scratch: scratch)
                                starts[index] = Int32(start)
                                let (value, derivative) = baseFunction.valueAndDerivative(x)
                                base[index] = value
                                dBase[index] = derivative
                                bv = value
                            }
                            if row > rows.lowerBound, xs[index] == xs[index - ins] { hits[chunk] += 1 }
                            // Inputs known to repeat keep each input's last spline sums; others use one buffer.
                            let s = caching ? lastS + i * outs : single
                            if !caching || xs[index] != lastX[i] {
                                Self.splineValues(values, start: start, coefficients: coefficients + i * n * outs,
                                                  order: p, outputs: outs, into: s)
                                lastX[i] = xs[index]
                            }
                            let e = i * outs
                            let wb = baseWeight + e, ws = splineWeight + e
                            if statistics {
                                for o in 0..<outs {
                                    let phi = wb[o] * bv + ws[o] * s[o]
                                    out[o] += phi
                                    if row == rows.lowerBound { shift[e + o] = phi }
                                    let d = phi - shift[e + o]
                                    sum1[e + o] += d
                                    sum2[e + o] += d * d
                                }
                            } else {
                                for o in 0..<outs { out[o] += wb[o] * bv + ws[o] * s[o] }
                            }
                        }
                    }
                }
                momentResults[chunk] = local
            }
        }}}}}}}}}}}}
        }
        if !reuse {
            // A new input: decide afresh whether its values repeat; the sparse view is built on the second pass
            // over the same input (as in a line search), and only when they do.
            cache.repeatedInputs = 4 * repeatHits.reduce(0, +) >= b * ins
            cache.sparse = nil
            cache.sparseChecked = false
        } else if first, !cache.sparseChecked {
            cache.sparseChecked = true
            if cache.repeatedInputs {
                cache.sparse = SparseInputs(input: input, rows: b, inputs: ins, tables: tables, order: layer.order,
                                            baseFunction: layer.baseFunction)
            }
        }
        if statistics { combineStatistics(moments: moments, parts: parts, edges: edges, cache: cache, inputs: ins) }
        // Symbolic edges: c * f(a*x + b) + d added to their output nodes.
        let kernel = symbolicKernel(for: cache, layer)
        for edge in kernel.edges {
            let k = layer.symbolic[edge.index]!.constants
            for row in 0..<b {
                let value = (try? edge.value(k.a * input[row * ins + edge.input] + k.b)) ?? .nan
                cache.sum[row * outs + edge.output] += k.c * value + k.d
            }
        }
        var next = Array(cache.sum[0..<b * outs])
        for row in 0..<b {
            for o in 0..<outs {
                let index = row * outs + o
                next[index] = layer.nodeScale[o] * (layer.subnodeScale[o] * next[index] + layer.subnodeBias[o]) + layer.nodeBias[o]
            }
        }
        return next
    }

    /// Merges the chunks' shifted sums into each edge's mean and unbiased standard deviation (Chan et al.'s
    /// pairwise update), and computes the same for every input.
    private func combineStatistics(moments: [[Double]], parts: [Range<Int>], edges: Int, cache: LayerCache, inputs ins: Int) {
        var count = 0.0
        var mean = [Double](repeating: 0, count: edges), squares = mean
        for (chunk, rows) in parts.enumerated() where !rows.isEmpty {
            let m = Double(rows.count)
            let local = moments[chunk]
            for e in 0..<edges {
                let chunkMean = local[e] + local[edges + e] / m
                let chunkSquares = max(0, local[2 * edges + e] - local[edges + e] * local[edges + e] / m)
                let delta = chunkMean - mean[e]
                let total = count + m
                mean[e] += delta * m / total
                squares[e] += chunkSquares + delta * delta * count * m / total
            }
            count += m
        }
        cache.edgeMean = mean
        cache.edgeStd = squares.map { count > 1 ? ($0 / (count - 1)).squareRoot() : 0 }
        let b = batch
        cache.inputMean = [Double](repeating: 0, count: ins)
        cache.inputStd = [Double](repeating: 0, count: ins)
        for i in 0..<ins {
            let first = cache.input[i]
            var sum = 0.0, sumSquares = 0.0
            for row in 0..<b {
                let d = cache.input[row * ins + i] - first
                sum += d
                sumSquares += d * d
            }
            cache.inputMean[i] = first + sum / Double(b)
            cache.inputStd[i] = b > 1 ? (max(0, sumSquares - sum * sum / Double(b)) / Double(b - 1)).squareRoot() : 0
        }
    }

    /// `s[o] = sum_r values[r] * c[start + r][o]` for one input's coefficient block.
    @inline(__always)
    static func splineValues(_ values: UnsafePointer<Double>, start: Int, coefficients: UnsafePointer<Double>,
                             order p: Int, outputs: Int, into s: UnsafeMutablePointer<Double>) {
        if outputs == 1 {
            let c = coefficients + start
            var sum = 0.0
            for r in 0..<p { sum += values[r] * c[r] }
            s[0] = sum
            return
        }
        let w0 = values[0], row0 = coefficients + start * outputs
        for o in 0..<outputs { s[o] = w0 * row0[o] }
        for r in 1..<p {
            let w = values[r]
            let row = coefficients + (start + r) * outputs
            for o in 0..<outputs { s[o] += w * row[o] }
        }
    }

    /// pykan's `acts_scale_spline`: per layer, `std(edge) / (std(input) + 0.1)` as `[input * outputs + output]`.
    func activationScales(_ model: KANModel) -> [[Double]] {
        zip(model.layers, caches).map { layer, cache in
            (0..<layer.inputs * layer.outputs).map { edge in cache.edgeStd[edge] / (cache.inputStd[edge / layer.outputs] + 0.1) }
        }
    }

    // MARK: backward

    /// The gradient of `loss + lamb * reg` in the layout of `ParameterLayout`, given `dLoss/dOutput` and, when
    /// regularising, `dReg/dv` per layer (already scaled by `lamb`). Needs the caches of `forward(statistics:)`.
    func backward(_ model: KANModel, outputGradient: [Double], regularization: Regularization,
                  scaleGradients: [[Double]]?) -> [Double] {
        let layout = ParameterLayout(model)
        var gradient = [Double](repeating: 0, count: layout.count)
        var upstream = outputGradient
        for l in stride(from: model.layers.count - 1, through: 0, by: -1) {
            upstream = backwardLayer(model.layers[l], cache: caches[l], offsets: layout.layers[l], upstream: upstream,
                                     scaleGradient: scaleGradients?[l], regularization: regularization,
                                     needInputGradient: l > 0, gradient: &gradient)
        }
        return gradient
    }

    private func backwardLayer(_ layer: KANLayer, cache: LayerCache, offsets: ParameterLayout.LayerOffsets,
                               upstream: [Double], scaleGradient: [Double]?, regularization: Regularization,
                               needInputGradient: Bool, gradient: inout [Double]) -> [Double] {
        let (b, ins, outs, p, n) = (batch, layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        let edges = ins * outs
        // Through the node affine maps.
        var dSum = [Double](repeating: 0, count: b * outs)
        var affine = [Double](repeating: 0, count: 4 * outs)
        for row in 0..<b {
            for o in 0..<outs {
                let index = row * outs + o, g = upstream[index]
                dSum[index] = g * layer.nodeScale[o] * layer.subnodeScale[o]
                affine[o] += g * layer.nodeScale[o] * cache.sum[index]
                affine[outs + o] += g * layer.nodeScale[o]
                affine[2 * outs + o] += g * (layer.subnodeScale[o] * cache.sum[index] + layer.subnodeBias[o])
                affine[3 * outs + o] += g
            }
        }
        if let range = offsets.affine { gradient.replaceSubrange(range, with: affine) }
        // Regularisation through the standard deviations: dR/dphi = edgeFactor * (phi - mean), dR/dx likewise.
        var edgeFactor = [Double](repeating: 0, count: edges)
        var inputFactor = [Double](repeating: 0, count: ins)
        let regularizing = scaleGradient != nil
        if let dv = scaleGradient {
            let m = Double(b - 1)
            for i in 0..<ins {
                let inputRange = cache.inputStd[i] + 0.1
                for o in 0..<outs {
                    let edge = i * outs + o
                    if cache.edgeStd[edge] > 0 { edgeFactor[edge] = dv[edge] / (inputRange * m * cache.edgeStd[edge]) }
                    if cache.inputStd[i] > 0 {
                        inputFactor[i] -= dv[edge] * cache.edgeStd[edge] / (inputRange * inputRange * m * cache.inputStd[i])
                    }
                }
            }
        }
        let weights = EdgeWeights(layer)
        let inputMean = cache.inputMean, inputFactors = inputFactor
        let parts = Self.chunks(rows: b, work: b * edges)
        var partials = [[Double]](repeating: [], count: parts.count)
        var inputGradient = [Double](repeating: 0, count: needInputGradient ? b * ins : 0)
        let coefficientCount = layer.coefficients.count
        let edgeMean = regularizing ? cache.edgeMean : []
        let pooling = cache.repeatedInputs
        if !regularizing, !needInputGradient, let sparse = cache.sparse {
            partials = backwardSparse(layer, sparse: sparse, dSum: dSum)
        } else {
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        inputGradient.withUnsafeMutableBufferPointer { inputGradientBuffer in
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        layer.mask.withUnsafeBufferPointer { maskBuffer in
        weights.base.withUnsafeBufferPointer { baseWeightBuffer in
        weights.spline.withUnsafeBufferPointer { splineWeightBuffer in
        edgeFactor.withUnsafeBufferPointer { edgeFactorBuffer in
        edgeMean.withUnsafeBufferPointer { edgeMeanBuffer in
        cache.basis.withUnsafeBufferPointer { basisBuffer in
        cache.basisDerivative.withUnsafeBufferPointer { basisDerivativeBuffer in
        dSum.withUnsafeBufferPointer { dSumBuffer in
        cache.starts.withUnsafeBufferPointer { startsBuffer in
        cache.base.withUnsafeBufferPointer { baseBuffer in
        cache.baseDerivative.withUnsafeBufferPointer { baseDerivativeBuffer in
        cache.input.withUnsafeBufferPointer { inputBuffer in
            // An empty array's buffer can still have a base address: decide by the flags, not by nil.
            nonisolated(unsafe) let dX = needInputGradient ? inputGradientBuffer.baseAddress : nil
            nonisolated(unsafe) let dBasis = needInputGradient ? basisDerivativeBuffer.baseAddress : nil
            nonisolated(unsafe) let (coefficients, mask) = (coefficientBuffer.baseAddress!, maskBuffer.baseAddress!)
            nonisolated(unsafe) let (baseWeight, splineWeight) = (baseWeightBuffer.baseAddress!, splineWeightBuffer.baseAddress!)
            nonisolated(unsafe) let factors = edgeFactorBuffer.baseAddress!
            nonisolated(unsafe) let means = regularizing ? edgeMeanBuffer.baseAddress : nil
            nonisolated(unsafe) let (basis, dS) = (basisBuffer.baseAddress!, dSumBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, base, dBase, xs) = (startsBuffer.baseAddress!, baseBuffer.baseAddress!, baseDerivativeBuffer.baseAddress!, inputBuffer.baseAddress!)
            nonisolated(unsafe) let partialBase = partialBuffer.baseAddress!
            Self.run(parts) { chunk, rows in
                // [coefficients | scaleBase | scaleSpline] gradients of this chunk.
                var local = [Double](repeating: 0, count: coefficientCount + 2 * edges)
                let gs = UnsafeMutablePointer<Double>.allocate(capacity: outs)
                // Per input: the last value's spline sums (as in the forward pass), and a pending accumulation of
                // the gradient of rows sharing one value, added to G once when the value changes.
                let lastX = UnsafeMutablePointer<Double>.allocate(capacity: ins)
                lastX.initialize(repeating: .nan, count: ins)
                let lastS = UnsafeMutablePointer<Double>.allocate(capacity: ins * outs)
                lastS.initialize(repeating: 0, count: ins * outs)
                let pendingX = UnsafeMutablePointer<Double>.allocate(capacity: ins)
                pendingX.initialize(repeating: .nan, count: ins)
                let pendingStart = UnsafeMutablePointer<Int>.allocate(capacity: ins)
                pendingStart.initialize(repeating: 0, count: ins)
                let pendingValues = UnsafeMutablePointer<Double>.allocate(capacity: ins * p)
                pendingValues.initialize(repeating: 0, count: ins * p)
                let pendingGrad = UnsafeMutablePointer<Double>.allocate(capacity: ins * outs)
                pendingGrad.initialize(repeating: 0, count: ins * outs)
                defer {
                    gs.deallocate(); lastX.deallocate(); lastS.deallocate(); pendingX.deallocate()
                    pendingStart.deallocate(); pendingValues.deallocate(); pendingGrad.deallocate()
                }
                local.withUnsafeMutableBufferPointer { localBuffer in
                    let gc = localBuffer.baseAddress!
                    let gsb = gc + coefficientCount
                    /// Adds input `i`'s pending gradient to G: `G[i][start + r][o] += B_r * sum of grad[o]`.
                    func flush(_ i: Int) {
                        guard !pendingX[i].isNaN else { return }
                        let values = pendingValues + i * p, grads = pendingGrad + i * outs
                        let base = gc + i * n * outs + pendingStart[i] * outs
                        if outs == 1 {
                            for r in 0..<p { base[r] += values[r] * grads[0] }
                        } else {
                            for r in 0..<p {
                                let w = values[r], gRow = base + r * outs
                                for o in 0..<outs { gRow[o] += w * grads[o] }
                            }
                        }
                    }
                    for row in rows {
                        let upstreamRow = dS + row * outs
                        for i in 0..<ins {
                            let index = row * ins + i
                            let values = basis + index * p
                            let start = Int(starts[index])
                            let bv = base[index], bd = dBase[index]
                            let block = i * n * outs
                            let e = i * outs
                            let (wb, ws, mk) = (baseWeight + e, splineWeight + e, mask + e)
                            var dx = 0.0
                            let x = xs[index]
                            if let means {
                                // The regulariser needs every edge's value, so the splines are recomputed.
                                let s = lastS + i * outs
                                if x != lastX[i] {
                                    Self.splineValues(values, start: start, coefficients: coefficients + block, order: p, outputs: outs, into: s)
                                    lastX[i] = x
                                }
                                let (f, mu) = (factors + e, means + e)
                                for o in 0..<outs {
                                    let grad = upstreamRow[o] + f[o] * (wb[o] * bv + ws[o] * s[o] - mu[o])
                                    gsb[e + o] += grad * mk[o] * bv
                                    gs[o] = grad
                                    dx += grad * wb[o] * bd
                                }
                            } else {
                                for o in 0..<outs {
                                    let grad = upstreamRow[o]
                                    gsb[e + o] += grad * mk[o] * bv
                                    gs[o] = grad
                                    dx += grad * wb[o] * bd
                                }
                            }
                            // G[i][j][o] += B_j * grad: the coefficient gradient is scale_sp * mask * G, and the
                            // scale_sp gradient is mask * sum_j c[i][j][o] G[i][j][o]; both are formed after the loop.
                            if needInputGradient || !pooling {
                                // Inputs that rarely repeat (a hidden layer's): accumulate directly.
                                for r in 0..<p {
                                    let w = values[r], gRow = gc + block + (start + r) * outs
                                    for o in 0..<outs { gRow[o] += w * gs[o] }
                                }
                            } else {
                                let pending = pendingGrad + i * outs
                                if x == pendingX[i] {
                                    for o in 0..<outs { pending[o] += gs[o] }
                                } else {
                                    flush(i)
                                    pendingX[i] = x
                                    pendingStart[i] = start
                                    for r in 0..<p { pendingValues[i * p + r] = values[r] }
                                    for o in 0..<outs { pending[o] = gs[o] }
                                }
                            }
                            if let dX, let dBasis {
                                let derivatives = dBasis + index * p
                                for r in 0..<p {
                                    let wd = derivatives[r]
                                    if wd == 0 { continue }
                                    let cRow = coefficients + block + (start + r) * outs
                                    var sum = 0.0
                                    for o in 0..<outs { sum += cRow[o] * gs[o] * ws[o] }
                                    dx += wd * sum
                                }
                                dX[index] = dx + (means != nil ? inputFactors[i] * (xs[index] - inputMean[i]) : 0)
                            }
                        }
                    }
                    for i in 0..<ins { flush(i) }
                }
                partialBase[chunk] = local
            }
        }}}}}}}}}}}}}}}
        }
        var total = partials[0]
        for part in partials.dropFirst() { for index in total.indices { total[index] += part[index] } }
        // From G to the coefficient and scale_sp gradients.
        for i in 0..<ins {
            for j in 0..<n {
                for o in 0..<outs {
                    let index = (i * n + j) * outs + o, edge = i * outs + o
                    total[coefficientCount + edges + edge] += layer.mask[edge] * layer.coefficients[index] * total[index]
                    total[index] *= weights.spline[edge]
                }
            }
        }
        // Symbolic edges: gradients of a, b, c, d, and their share of the input gradient.
        let kernel = symbolicKernel(for: cache, layer)
        for (slot, edge) in kernel.edges.enumerated() {
            let k = layer.symbolic[edge.index]!.constants
            var (da, db, dc, dd) = (0.0, 0.0, 0.0, 0.0)
            for row in 0..<b {
                let x = cache.input[row * ins + edge.input]
                let u = k.a * x + k.b
                let value = (try? edge.value(u)) ?? .nan, slope = (try? edge.derivative(u)) ?? .nan
                let g = dSum[row * outs + edge.output]
                dc += g * value
                dd += g
                da += g * k.c * slope * x
                db += g * k.c * slope
                if needInputGradient { inputGradient[row * ins + edge.input] += g * k.c * slope * k.a }
            }
            let base = offsets.symbolic.lowerBound + 4 * slot
            gradient[base] = da
            gradient[base + 1] = db
            gradient[base + 2] = dc
            gradient[base + 3] = dd
        }
        gradient.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for index in 0..<coefficientCount { base[offsets.coefficients.lowerBound + index] = total[index] }
            if let range = offsets.scaleBase { for e in 0..<edges { base[range.lowerBound + e] = total[coefficientCount + e] } }
            if let range = offsets.scaleSpline { for e in 0..<edges { base[range.lowerBound + e] = total[coefficientCount + edges + e] } }
            if regularization.isActive {
                _ = regularization.coefficientTerms(layer, gradient: base + offsets.coefficients.lowerBound)
            }
        }
        return inputGradient
    }

    /// Makes `array` hold at least `count` elements, reusing its storage when it is large enough.
    private func resize<T: Numeric>(_ array: inout [T], _ count: Int) {
        if array.count < count { array = [T](repeating: 0, count: count) }
    }
}

/// `mask * scale_base` and `mask * scale_sp` per edge, the weights the passes multiply by.
struct EdgeWeights {
    let base: [Double]
    let spline: [Double]

    init(_ layer: KANLayer) {
        base = zip(layer.mask, layer.scaleBase).map(*)
        spline = zip(layer.mask, layer.scaleSpline).map(*)
    }
}
