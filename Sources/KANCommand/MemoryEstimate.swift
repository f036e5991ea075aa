import Foundation
import KAN

/// A rough upper estimate of the memory a KAN needs to be created, refined or trained, by part, so a command can
/// refuse an option that would exhaust memory before anything is allocated (`--grid 100000` asked for 80 GB).
///
/// With `n = grid + k` spline coefficients per edge, `E` edges and `S` subnodes in a layer, `B` rows per step:
/// - least squares (initialisation, grid updates, refining) builds an `n x n` normal matrix and its Cholesky
///   factor, `2 n^2` doubles, on each of the `W` worker threads;
/// - parameters, their gradient, LBFGS's history of 10 pairs and each edge's bookkeeping take about
///   `(64 n + 32) E` doubles (measured: 1.33 GB for a [2,100000,1] model at grid 5, about 550 doubles per edge);
/// - a pass caches, per row and layer input `I`, the `k + 1` non-zero basis values and their derivatives, the base
///   function, its derivative, the input and its gradient, and per row and subnode the sums and their gradient:
///   about `B I (2 (k + 1) + 4) + 4 B S` doubles per layer, every layer's caches held at once.
/// The largest layer counts for least squares; the estimate is meant to be within a small factor, not exact.
struct MemoryEstimate {
    var leastSquares: Double
    var parameters: Double
    var passes: Double

    var total: Double { leastSquares + parameters + passes }

    init(_ configuration: KANConfiguration, rows: Int) {
        let n = Double(configuration.grid + configuration.order)
        let workers = Double(max(ProcessInfo.processInfo.activeProcessorCount, 1))
        let width = configuration.width
        var edges = 0.0, biggestLayer = 0.0, passValues = 0.0
        for l in 0..<(width.count - 1) {
            let subnodes = Double(configuration.subnodeCount(ofNodeLayer: l + 1))
            let layerEdges = Double(width[l]) * subnodes
            edges += layerEdges
            biggestLayer = max(biggestLayer, layerEdges)
            passValues += Double(rows) * (Double(width[l]) * Double(2 * (configuration.order + 1) + 4) + 4 * subnodes)
        }
        leastSquares = 8 * 2 * n * n * min(workers, max(biggestLayer, 1))
        parameters = 8 * (64 * n + 32) * edges
        passes = 8 * passValues
    }

    /// The share of physical memory a command may plan to use.
    static let allowedShare = 0.5

    /// Throws, naming the estimate and what to lower (`grid`, `rows` or `width`, whichever is behind the largest
    /// part, as the user sets it: `--grid`, `--batch` ...), when the estimate is above `allowedShare` of this
    /// machine's memory.
    func check(grid gridOption: String, rows rowsOption: String, width widthOption: String) throws {
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        guard total > Self.allowedShare * memory else { return }
        let (option, part): (String, String)
        if leastSquares >= parameters, leastSquares >= passes {
            (option, part) = (gridOption, "the least-squares fits of the splines grow as the square of the grid")
        } else if passes >= parameters {
            (option, part) = (rowsOption, "each step keeps basis values for every row")
        } else {
            (option, part) = (widthOption, "every edge has grid + k coefficients")
        }
        throw CommandFailure("\(option): this model would need about \(Self.bytes(total)) (\(part)), more than \(Int(Self.allowedShare * 100))% of this machine's \(Self.bytes(memory)) of memory; lower \(option)")
    }

    /// `80.0 GB`, `512.0 MB`.
    static func bytes(_ count: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
        var value = count, unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) bytes" : "\(String(format: "%.1f", value)) \(units[unit])"
    }
}
