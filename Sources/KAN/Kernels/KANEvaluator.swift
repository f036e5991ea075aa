import Optimization

/// Forward and backward passes of a `KANModel` on one batch, with the caches the backward pass needs.
///
/// Per layer it keeps, for every (sample, input), only the `k + 1` basis values that can be non-zero and their
/// derivatives (`[batch, in, k + 1]`), the base function and its derivative, and the summed node values
/// (`[batch, out]`): memory is O(batch x (in + out) x (k + 1)). Edge outputs are recomputed where needed, never
/// stored as `[batch, in, out]`. Large batches are split into a fixed number of chunks run concurrently and
/// reduced in a fixed order, so results do not depend on the machine's core count.
///
/// A layer's pass is put together here from its parts: `DenseLayerKernel` or `SparseLayerKernel` (as
/// `RepeatedInputPolicy` chooses), `EdgeStatistics` for the regulariser, `SymbolicEdgePass`, `NodeAffine`.
final class KANEvaluator {
    private(set) var caches: [LayerCache]
    private(set) var batch = 0
    /// Whether a pass may run all layers in one parallel region (`fusedForward`, `fusedBackward`) when it can; the
    /// tests compare both ways.
    var fusesLayers = true
    /// How many passes ran fused.
    private(set) var fusedPasses = 0

    init(model: KANModel) {
        _ = FreedMemory.kept
        caches = model.layers.map { _ in LayerCache() }
    }

    /// Whether another pass over the last batch takes the same kernels as the last pass, and so gives the same
    /// numbers to the last bit: the first layer's sparse view was considered for its input (`RepeatedInputPolicy`).
    var kernelsSettled: Bool { caches[0].repeats.isSettled }

    /// How many chunks a pass worth threads is cut into: a fixed number, so results do not depend on the cores.
    static let parallelChunks = 4

    /// Whether a pass of `work` multiply-adds is worth threads.
    static func worthThreads(work: Int) -> Bool { work >= 4_096 }

    /// Splits `rows` into `parallelChunks` chunks when the work is worth threads, else 1.
    static func chunks(rows: Int, work: Int) -> [Range<Int>] {
        let count = worthThreads(work: work) && rows >= 64 ? parallelChunks : 1
        return (0..<count).map { c in (rows * c / count)..<(rows * (c + 1) / count) }
    }

    /// The distance, in doubles, between the per-chunk partial results of `count` values each: `count` rounded up
    /// to whole cache lines plus one line, so no cache line holds two chunks' partials. Chunks on different cores
    /// update their partials every row; sharing a line would bounce it between the cores (false sharing).
    static func chunkStride(_ count: Int) -> Int {
        let doublesPerLine = 64 / MemoryLayout<Double>.stride
        return (count + doublesPerLine - 1) / doublesPerLine * doublesPerLine + doublesPerLine
    }

    static func run(_ chunks: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        if chunks.count == 1 { body(0, chunks[0]); return }
        WorkerPool.shared.run(chunks: chunks.count) { body($0, chunks[$0]) }
    }

    /// The model's outputs; with `statistics`, also the per-edge standard deviations the regulariser needs;
    /// with `gradients`, the basis derivatives the backward pass needs (not for the first layer, whose input
    /// gradient nobody uses).
    func forward(_ model: KANModel, inputs: Matrix, statistics: Bool, gradients: Bool = false) -> Matrix {
        batch = inputs.rows
        if fusesLayers, let output = fusedForward(model, inputs: inputs, statistics: statistics, gradients: gradients) {
            fusedPasses += 1
            return output
        }
        var x = inputs.values
        for (l, (layer, cache)) in zip(model.layers, caches).enumerated() {
            x = forwardLayer(layer, cache: cache, input: x, derivatives: gradients && l > 0, statistics: statistics, first: l == 0)
        }
        return Matrix(rows: batch, columns: model.outputCount, values: x)
    }

    /// pykan's `acts_scale_spline`: per layer, `std(edge) / (std(input) + 0.1)` as `[input * outputs + output]`.
    /// Needs the caches of `forward(statistics: true)`.
    func activationScales(_ model: KANModel) -> [[Double]] {
        zip(model.layers, caches).map { layer, cache in
            guard let statistics = cache.statistics else { preconditionFailure("activation scales need forward(statistics: true)") }
            return statistics.activationScales(outputs: layer.outputs)
        }
    }

    /// The gradient of `loss + lamb * reg` in the layout of `ParameterLayout`, given `dLoss/dOutput` and, when
    /// regularising, `dReg/dv` per layer (already scaled by `lamb`). Needs the caches of `forward(statistics:)`.
    func backward(_ model: KANModel, outputGradient: [Double], regularization: Regularization,
                  scaleGradients: [[Double]]?) -> [Double] {
        let layout = ParameterLayout(model)
        return [Double](unsafeUninitializedCapacity: layout.count) { gradient, initialized in
            gradient.initialize(repeating: 0)
            initialized = layout.count
            if fusesLayers, fusedBackward(model, layout: layout, outputGradient: outputGradient, regularization: regularization,
                                          scaleGradients: scaleGradients, gradient: gradient.baseAddress!) {
                fusedPasses += 1
                return
            }
            var upstream = HeapBuffer(outputGradient)
            for l in stride(from: model.layers.count - 1, through: 0, by: -1) {
                upstream = backwardLayer(model.layers[l], cache: caches[l], offsets: layout.layers[l], upstream: upstream,
                                         scaleGradient: scaleGradients?[l], regularization: regularization,
                                         needInputGradient: l > 0, gradient: gradient.baseAddress!)
            }
        }
    }
}
