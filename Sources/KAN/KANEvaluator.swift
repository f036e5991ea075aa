import Dispatch

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
    }

    private(set) var caches: [LayerCache]
    private(set) var batch = 0

    init(model: KANModel) {
        caches = model.layers.map { _ in LayerCache() }
    }

    /// Splits `rows` into 4 chunks when the work is large enough to be worth threads, else 1.
    private static func chunks(rows: Int, work: Int) -> [Range<Int>] {
        let count = work >= 40_000 && rows >= 8 ? 4 : 1
        return (0..<count).map { c in (rows * c / count)..<(rows * (c + 1) / count) }
    }

    private static func run(_ chunks: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        if chunks.count == 1 { body(0, chunks[0]); return }
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let work = escapable
            DispatchQueue.concurrentPerform(iterations: chunks.count) { work($0, chunks[$0]) }
        }
    }

    // MARK: forward

    /// The model's outputs; with `statistics`, also the per-edge standard deviations the regulariser needs.
    func forward(_ model: KANModel, inputs: Matrix, statistics: Bool) -> Matrix {
        batch = inputs.rows
        var x = inputs.values
        for (layer, cache) in zip(model.layers, caches) {
            x = forwardLayer(layer, cache: cache, input: x)
            if statistics { computeStatistics(layer, cache: cache) }
        }
        return Matrix(rows: batch, columns: model.outputCount, values: x)
    }

    private func forwardLayer(_ layer: KANLayer, cache: LayerCache, input: [Double]) -> [Double] {
        let (b, ins, outs, p) = (batch, layer.inputs, layer.outputs, layer.order + 1)
        cache.input = input
        resize(&cache.starts, b * ins)
        resize(&cache.basis, b * ins * p)
        resize(&cache.basisDerivative, b * ins * p)
        resize(&cache.base, b * ins)
        resize(&cache.baseDerivative, b * ins)
        resize(&cache.sum, b * outs)
        let weights = EdgeWeights(layer)
        let parts = Self.chunks(rows: b, work: b * ins * outs)
        let n = layer.coefficientsPerEdge
        input.withUnsafeBufferPointer { inputBuffer in
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        cache.starts.withUnsafeMutableBufferPointer { startsBuffer in
        cache.basis.withUnsafeMutableBufferPointer { basisBuffer in
        cache.basisDerivative.withUnsafeMutableBufferPointer { basisDerivativeBuffer in
        cache.base.withUnsafeMutableBufferPointer { baseBuffer in
        cache.baseDerivative.withUnsafeMutableBufferPointer { baseDerivativeBuffer in
        cache.sum.withUnsafeMutableBufferPointer { sumBuffer in
            nonisolated(unsafe) let (xs, coefficients) = (inputBuffer.baseAddress!, coefficientBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, basis, dBasis) = (startsBuffer.baseAddress!, basisBuffer.baseAddress!, basisDerivativeBuffer.baseAddress!)
            nonisolated(unsafe) let (base, dBase, sums) = (baseBuffer.baseAddress!, baseDerivativeBuffer.baseAddress!, sumBuffer.baseAddress!)
            Self.run(parts) { _, rows in
                var evaluators = layer.knots.map { BasisEvaluator(knots: $0, order: layer.order) }
                var spline = [Double](repeating: 0, count: outs)
                spline.withUnsafeMutableBufferPointer { splineBuffer in
                    let s = splineBuffer.baseAddress!
                    for row in rows {
                        let out = sums + row * outs
                        for o in 0..<outs { out[o] = 0 }
                        for i in 0..<ins {
                            let index = row * ins + i
                            let x = xs[index]
                            let values = basis + index * p, derivatives = dBasis + index * p
                            let start = evaluators[i].evaluate(x, values: values, derivatives: derivatives)
                            starts[index] = Int32(start)
                            let (bv, bd) = layer.baseFunction.valueAndDerivative(x)
                            base[index] = bv
                            dBase[index] = bd
                            Self.splineValues(values, start: start, coefficients: coefficients + i * n * outs,
                                              order: p, outputs: outs, into: s)
                            let edge = i * outs
                            for o in 0..<outs { out[o] += weights.base[edge + o] * bv + weights.spline[edge + o] * s[o] }
                        }
                    }
                }
            }
        }}}}}}}}
        var next = cache.sum
        for row in 0..<b {
            for o in 0..<outs {
                let index = row * outs + o
                next[index] = layer.nodeScale[o] * (layer.subnodeScale[o] * next[index] + layer.subnodeBias[o]) + layer.nodeBias[o]
            }
        }
        return next
    }

    /// `s[o] = sum_r values[r] * c[start + r][o]` for one input's coefficient block.
    @inline(__always)
    private static func splineValues(_ values: UnsafeMutablePointer<Double>, start: Int, coefficients: UnsafePointer<Double>,
                                     order p: Int, outputs: Int, into s: UnsafeMutablePointer<Double>) {
        for o in 0..<outputs { s[o] = 0 }
        for r in 0..<p {
            let w = values[r]
            if w == 0 { continue }
            let row = coefficients + (start + r) * outputs
            for o in 0..<outputs { s[o] += w * row[o] }
        }
    }

    /// Per edge: mean and unbiased standard deviation over the batch of its output; per input: the same of the
    /// input. Sums are taken about the first sample's values, which keeps the variance accurate.
    private func computeStatistics(_ layer: KANLayer, cache: LayerCache) {
        let (b, ins, outs, p, n) = (batch, layer.inputs, layer.outputs, layer.order + 1, layer.coefficientsPerEdge)
        let weights = EdgeWeights(layer)
        let edges = ins * outs
        let parts = Self.chunks(rows: b, work: b * edges)
        var partials = [[Double]](repeating: [], count: parts.count)
        var shift = [Double](repeating: 0, count: edges)
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        cache.basis.withUnsafeMutableBufferPointer { basisBuffer in
        cache.starts.withUnsafeBufferPointer { startsBuffer in
        cache.base.withUnsafeBufferPointer { baseBuffer in
        partials.withUnsafeMutableBufferPointer { partialBuffer in
            nonisolated(unsafe) let (coefficients, basis) = (coefficientBuffer.baseAddress!, basisBuffer.baseAddress!)
            nonisolated(unsafe) let (starts, base, results) = (startsBuffer.baseAddress!, baseBuffer.baseAddress!, partialBuffer.baseAddress!)
            /// Calls `visit(edge, phi)` for every edge of one row.
            func edgeValues(row: Int, spline s: UnsafeMutablePointer<Double>, _ visit: (Int, Double) -> Void) {
                for i in 0..<ins {
                    let index = row * ins + i
                    Self.splineValues(basis + index * p, start: Int(starts[index]), coefficients: coefficients + i * n * outs,
                                      order: p, outputs: outs, into: s)
                    for o in 0..<outs {
                        let edge = i * outs + o
                        visit(edge, weights.base[edge] * base[index] + weights.spline[edge] * s[o])
                    }
                }
            }
            var spline = [Double](repeating: 0, count: outs)
            spline.withUnsafeMutableBufferPointer { edgeValues(row: 0, spline: $0.baseAddress!) { shift[$0] = $1 } }
            let center = shift
            Self.run(parts) { chunk, rows in
                var sums = [Double](repeating: 0, count: 2 * edges)
                var scratch = [Double](repeating: 0, count: outs)
                scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                    for row in rows {
                        edgeValues(row: row, spline: scratchBuffer.baseAddress!) { edge, value in
                            let d = value - center[edge]
                            sums[edge] += d
                            sums[edges + edge] += d * d
                        }
                    }
                }
                results[chunk] = sums
            }
        }}}}}
        var totals = [Double](repeating: 0, count: 2 * edges)
        for part in partials { for index in totals.indices { totals[index] += part[index] } }
        let count = Double(b)
        cache.edgeMean = (0..<edges).map { shift[$0] + totals[$0] / count }
        cache.edgeStd = (0..<edges).map { Self.standardDeviation(sum: totals[$0], sumOfSquares: totals[edges + $0], count: count) }
        cache.inputMean = [Double](repeating: 0, count: ins)
        cache.inputStd = [Double](repeating: 0, count: ins)
        for i in 0..<ins {
            let first = cache.input[i]
            var sum = 0.0, squares = 0.0
            for row in 0..<b {
                let d = cache.input[row * ins + i] - first
                sum += d
                squares += d * d
            }
            cache.inputMean[i] = first + sum / count
            cache.inputStd[i] = Self.standardDeviation(sum: sum, sumOfSquares: squares, count: count)
        }
    }

    private static func standardDeviation(sum: Double, sumOfSquares: Double, count: Double) -> Double {
        guard count > 1 else { return 0 }
        return max(0, (sumOfSquares - sum * sum / count) / (count - 1)).squareRoot()
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
        let inputMean = cache.inputMean
        let parts = Self.chunks(rows: b, work: b * edges)
        var partials = [[Double]](repeating: [], count: parts.count)
        var inputGradient = [Double](repeating: 0, count: needInputGradient ? b * ins : 0)
        let coefficientCount = layer.coefficients.count
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        inputGradient.withUnsafeMutableBufferPointer { inputGradientBuffer in
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
        cache.basis.withUnsafeBufferPointer { basisBuffer in
        cache.basisDerivative.withUnsafeBufferPointer { basisDerivativeBuffer in
        dSum.withUnsafeBufferPointer { dSumBuffer in
        cache.starts.withUnsafeBufferPointer { startsBuffer in
        cache.base.withUnsafeBufferPointer { baseBuffer in
        cache.baseDerivative.withUnsafeBufferPointer { baseDerivativeBuffer in
        cache.input.withUnsafeBufferPointer { inputBuffer in
        cache.edgeMean.withUnsafeBufferPointer { edgeMeanBuffer in
            nonisolated(unsafe) let (starts, base, dBase) = (startsBuffer.baseAddress!, baseBuffer.baseAddress!, baseDerivativeBuffer.baseAddress!)
            nonisolated(unsafe) let (xs, edgeMean) = (inputBuffer.baseAddress!, edgeMeanBuffer.baseAddress)
            nonisolated(unsafe) let partialBase = partialBuffer.baseAddress!
            // An empty array's buffer can still have a base address: decide by the flag, not by nil.
            nonisolated(unsafe) let dX = needInputGradient ? inputGradientBuffer.baseAddress : nil
            nonisolated(unsafe) let coefficients = coefficientBuffer.baseAddress!
            nonisolated(unsafe) let (basis, dBasis, dS) = (basisBuffer.baseAddress!, basisDerivativeBuffer.baseAddress!, dSumBuffer.baseAddress!)
            Self.run(parts) { chunk, rows in
                // [coefficients | scaleBase | scaleSpline] gradients of this chunk.
                var local = [Double](repeating: 0, count: coefficientCount + 2 * edges)
                var spline = [Double](repeating: 0, count: outs), g = spline
                local.withUnsafeMutableBufferPointer { localBuffer in
                spline.withUnsafeMutableBufferPointer { splineBuffer in
                g.withUnsafeMutableBufferPointer { gBuffer in
                    let (gc, gsb, gsp) = (localBuffer.baseAddress!, localBuffer.baseAddress! + coefficientCount,
                                          localBuffer.baseAddress! + coefficientCount + edges)
                    let (s, gs) = (splineBuffer.baseAddress!, gBuffer.baseAddress!)
                    for row in rows {
                        for i in 0..<ins {
                            let index = row * ins + i
                            let values = UnsafeMutablePointer(mutating: basis + index * p)
                            let derivatives = dBasis + index * p
                            let start = Int(starts[index])
                            let bv = base[index], bd = dBase[index]
                            let block = i * n * outs
                            Self.splineValues(values, start: start, coefficients: coefficients + block, order: p, outputs: outs, into: s)
                            var dx = 0.0
                            for o in 0..<outs {
                                let edge = i * outs + o
                                var grad = dS[row * outs + o]
                                if regularizing {
                                    let phi = weights.base[edge] * bv + weights.spline[edge] * s[o]
                                    grad += edgeFactor[edge] * (phi - edgeMean![edge])
                                }
                                gsb[edge] += grad * layer.mask[edge] * bv
                                gsp[edge] += grad * layer.mask[edge] * s[o]
                                gs[o] = grad * weights.spline[edge]
                                dx += grad * weights.base[edge] * bd
                            }
                            for r in 0..<p {
                                let w = values[r], wd = derivatives[r]
                                let offset = block + (start + r) * outs
                                let cRow = coefficients + offset, gRow = gc + offset
                                for o in 0..<outs { gRow[o] += w * gs[o] }
                                if dX != nil { for o in 0..<outs { dx += wd * cRow[o] * gs[o] } }
                            }
                            if let dX {
                                dX[index] = dx + (regularizing ? inputFactor[i] * (xs[index] - inputMean[i]) : 0)
                            }
                        }
                    }
                }}}
                partialBase[chunk] = local
            }
        }}}}}}}}}}}
        var total = partials[0]
        for part in partials.dropFirst() { for index in total.indices { total[index] += part[index] } }
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

    private func resize<T: Numeric>(_ array: inout [T], _ count: Int) {
        if array.count != count { array = [T](repeating: 0, count: count) }
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
