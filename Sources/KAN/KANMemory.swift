import Foundation

/// A rough upper estimate of the memory a KAN needs to be created, refined or trained, by part, from its shape
/// alone, so that a command or a discovery trial can refuse a network that would exhaust memory before anything is
/// allocated (`--grid 100000` asked for 80 GB; `[2000, 4001, 1]` would need 55 GB).
///
/// With `n = grid + k` spline coefficients per edge, `E` edges and `S` subnodes in a layer, `B` rows per pass:
/// - least squares (initialisation, grid updates, refining) builds an `n x n` normal matrix and its Cholesky
///   factor, `2 n^2` doubles, on each of the `W` worker threads;
/// - parameters, their gradient, LBFGS's history of 10 pairs and each edge's bookkeeping take about
///   `(64 n + 32) E` doubles (measured: 1.33 GB for a [2,100000,1] model at grid 5, about 550 doubles per edge);
/// - a pass caches, per row and layer input `I`, the `k + 1` non-zero basis values and their derivatives, the base
///   function, its derivative, the input and its gradient, and per row and subnode the sums and their gradient:
///   about `B I (2 (k + 1) + 4) + 4 B S` doubles per layer, every layer's caches held at once; a regularised pass
///   also keeps each edge's value per row, at most `LayerCache.edgeValueBytes` a layer.
/// The largest layer counts for least squares; the estimate is meant to be within a small factor, not exact.
public struct KANMemory: Sendable {
    /// Bytes of the least-squares fits, of the parameters with their optimiser state, and of one pass's caches.
    public let leastSquares: Double
    public let parameters: Double
    public let pass: Double
    /// The network's edges (inputs times subnodes, summed over layers).
    public let edges: Double

    public init(_ configuration: KANConfiguration, rows: Int) {
        let n = Double(configuration.grid) + Double(configuration.order)
        let workers = Double(max(ProcessInfo.processInfo.activeProcessorCount, 1))
        let width = configuration.width
        var edges = 0.0, biggestLayer = 0.0, passValues = 0.0
        for l in 0..<(width.count - 1) {
            let subnodes = configuration.subnodeEstimate(ofNodeLayer: l + 1)
            let layerEdges = Double(width[l]) * subnodes
            edges += layerEdges
            biggestLayer = max(biggestLayer, layerEdges)
            passValues += Double(rows) * (Double(width[l]) * Double(2 * (configuration.order + 1) + 4) + 4 * subnodes)
                + min(Double(rows) * layerEdges, Double(KANEvaluator.LayerCache.edgeValueBytes / MemoryLayout<Double>.stride))
        }
        leastSquares = 8 * 2 * n * n * min(workers, max(biggestLayer, 1))
        parameters = 8 * (64 * n + 32) * edges
        pass = 8 * passValues
        self.edges = edges
    }
}
