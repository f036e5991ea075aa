import Optimization

extension KANLayer {
    /// pykan's `update_grid_from_samples`: each input's grid moves to the samples' quantiles blended with a
    /// uniform grid over their range (`gridEps * uniform + (1 - gridEps) * quantiles`), and the spline
    /// coefficients are refitted by least squares so the splines keep their shape on the samples. The range
    /// is first widened by `margin` times itself on each side (see `KANConfiguration.gridMargin`).
    ///
    /// `samples` is `rows x inputs`, the layer's inputs.
    ///
    /// Departure from pykan: a grid is never narrower than `minimumWidth`. When the samples span less (an input
    /// that is almost constant, such as a hidden node that regularisation switched off), the grid is uniform
    /// over `minimumWidth` around their middle. pykan shrinks the grid to the samples' span, down to 1e-16,
    /// which makes the spline's derivative enormous and the loss discontinuous at the grid's ends, and LBFGS
    /// then stalls. The inputs in `keepingRange` (those fed by multiplication nodes) keep their grid while the
    /// samples fit inside it: a product of small subnodes spans almost nothing at initialisation, and a grid
    /// shrunk to that span leaves the product's later values off the grid (products of three then stay unlearnt).
    /// The inputs are refitted concurrently (each on its own; the results do not depend on the threads).
    public mutating func updateGrid(from samples: Matrix, gridEps: Double, minimumWidth: Double = 0, margin: Double = 0,
                                    keepingRange: Set<Int> = []) {
        precondition(samples.columns == inputs, "samples have \(samples.columns) columns for \(inputs) inputs")
        let layer = self, count = inputs
        var refits = [KnotRefit?](repeating: nil, count: count)
        refits.withUnsafeMutableBufferPointer { results in
            let out = results.baseAddress!
            let chunks = min(count, Self.gridUpdateChunks)
            WorkerPool.shared.run(chunks: chunks) { chunk in
                for i in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                    out[i] = layer.gridRefit(input: i, samples: samples.column(i), gridEps: gridEps, minimumWidth: minimumWidth,
                                             margin: margin, keepsRange: keepingRange.contains(i))
                }
            }
        }
        for (i, refit) in refits.enumerated() {
            if let refit { apply(refit, input: i) }
        }
    }

    /// How many jobs a grid update's inputs are shared out in.
    private static let gridUpdateChunks = 16

    /// Input `i`'s new grid from its samples, with its edges refitted on it; nil when it keeps its grid
    /// (`keepsRange` and the samples inside it).
    private func gridRefit(input i: Int, samples column: [Double], gridEps: Double, minimumWidth: Double, margin: Double,
                           keepsRange: Bool) -> KnotRefit? {
        let rows = column.count, g = gridSize
        let sorted = column.sorted()
        let indices = (0..<g).map { Int(Double(rows) / Double(g) * Double($0)) } + [rows - 1]
        var adaptive = indices.map { sorted[$0] }
        let widen = margin * (adaptive[g] - adaptive[0])
        adaptive[0] -= widen
        adaptive[g] += widen
        if keepsRange, adaptive[0] >= knots[i][order], adaptive[g] <= knots[i][knots[i].count - 1 - order] {
            return nil
        }
        let grid: [Double]
        if adaptive[g] - adaptive[0] < minimumWidth {
            let middle = (adaptive[g] + adaptive[0]) / 2
            grid = BSpline.uniformGrid(lower: middle - minimumWidth / 2, upper: middle + minimumWidth / 2, intervals: g)
        } else {
            let spacing = (adaptive[g] - adaptive[0]) / Double(g)
            grid = (0...g).map { j in gridEps * (adaptive[0] + spacing * Double(j)) + (1 - gridEps) * adaptive[j] }
        }
        return refit(grid: grid, xs: sorted, curves: splines(input: i, at: sorted))
    }

    /// All of input `input`'s spline curves at `xs`: `[row * outputs + output]`, the basis evaluated once per point.
    func splines(input: Int, at xs: [Double]) -> [Double] {
        var evaluator = BasisEvaluator(knots: knots[input], order: order)
        var values = [Double](repeating: 0, count: order + 1), derivatives = values
        let n = coefficientsPerEdge
        var curves = [Double](repeating: 0, count: xs.count * outputs)
        for (row, x) in xs.enumerated() {
            let start = values.withUnsafeMutableBufferPointer { v in
                derivatives.withUnsafeMutableBufferPointer { d in evaluator.evaluate(x, values: v.baseAddress!, derivatives: d.baseAddress!) }
            }
            for o in 0..<outputs {
                var sum = 0.0
                for r in 0...order { sum += values[r] * coefficients[(input * n + start + r) * outputs + o] }
                curves[row * outputs + o] = sum
            }
        }
        return curves
    }

    /// An input's new knots (`grid` extended by `order`) and its edges' coefficients fitted on them by least
    /// squares to `curves` at `xs`.
    func refit(grid: [Double], xs: [Double], curves: [Double]) -> KnotRefit {
        let extended = BSpline.extend(grid, by: order)
        return KnotRefit(knots: extended,
                         coefficients: SplineLeastSquares.fit(knots: extended, order: order, xs: xs, ys: curves, outputs: outputs))
    }

    /// Puts `refit` in place as input `input`'s knots and coefficients.
    mutating func apply(_ refit: KnotRefit, input: Int) {
        knots[input] = refit.knots
        let block = coefficientsPerEdge * outputs
        coefficients.replaceSubrange(input * block..<(input + 1) * block, with: refit.coefficients)
    }
}

/// One input's knots and the coefficients of its edges fitted on them (`[n, outputs]`, as in `KANLayer.coefficients`).
struct KnotRefit {
    let knots: [Double]
    let coefficients: [Double]
}

extension KANModel {
    /// pykan's `update_grid`: layer by layer, the grid of layer `l` is updated from its inputs on `samples`,
    /// computed with the layers before it already updated. No grid becomes narrower than 1% of `gridRange`.
    public mutating func updateGrid(from samples: Matrix) throws(KANError) {
        try checkInputs(samples, what: "grid-update samples")
        let minimumWidth = 0.01 * (configuration.gridRange.upperBound - configuration.gridRange.lowerBound)
        for l in layers.indices {
            let layerInputs = l == 0 ? samples : try activations(samples)[l]
            let products = l == 0 ? [] : Set(layers[l - 1].sumNodes..<layers[l - 1].nodes)
            layers[l].updateGrid(from: layerInputs, gridEps: configuration.gridEps, minimumWidth: minimumWidth,
                                 margin: configuration.gridMargin, keepingRange: products)
        }
    }

    /// The inputs of every layer on `samples` (`activations[0]` is `samples`), and the outputs last.
    public func activations(_ samples: Matrix) throws(KANError) -> [Matrix] {
        try checkInputs(samples, what: "samples")
        let evaluator = KANEvaluator(model: self)
        let output = evaluator.forward(self, inputs: samples, statistics: false)
        return zip(layers, evaluator.caches).map { layer, cache in
            Matrix(rows: samples.rows, columns: layer.inputs, values: cache.input)
        } + [output]
    }

    /// pykan's `refine`: the same network on a grid of `newGrid` intervals, every spline the least-squares fit
    /// of the old one; scales, masks and node affines are kept. The new knots interpolate the old grid points
    /// linearly, so a uniform grid stays uniform and a finer grid contains the old knots.
    ///
    /// Departure from pykan: the fit uses `samples` (the training inputs) and also points spread evenly over
    /// the grid's range. pykan fits on the samples alone (on `cache_data`, which after `fit` holds the test
    /// inputs), which leaves the outermost coefficients barely determined, so the refined model extrapolates
    /// differently just outside the samples' range; with the extra points a refinement that contains the old
    /// knots (5 -> 10 -> 20) reproduces the old splines on the whole grid.
    public func refined(grid newGrid: Int, samples: Matrix) throws(KANError) -> KANModel {
        guard newGrid >= 1 else {
            throw .invalidHyperparameter(name: "grid", value: "\(newGrid)", reason: "must be at least 1")
        }
        try checkInputs(samples, what: "refine samples")
        var configuration = self.configuration
        configuration.grid = newGrid
        var model = try KANModel(configuration)
        let inputsPerLayer = try activations(samples)
        for (l, old) in layers.enumerated() {
            var layer = model.layers[l]
            for i in 0..<old.inputs {
                let interior = Array(old.knots[i][old.order..<old.knots[i].count - old.order])
                let grid = (0...newGrid).map { j -> Double in
                    let position = Double(j) / Double(newGrid) * Double(interior.count - 1)
                    let lower = min(Int(position), interior.count - 2)
                    let fraction = position - Double(lower)
                    return interior[lower] + fraction * (interior[lower + 1] - interior[lower])
                }
                // Even points over the grid's own range, where the new spline space holds the old spline.
                let (lower, upper) = (grid[0], grid[grid.count - 1])
                let spread = 8 * newGrid
                let even = (0..<spread).map { lower + (upper - lower) * (Double($0) + 0.5) / Double(spread) }
                let xs = inputsPerLayer[l].column(i) + even
                layer.apply(layer.refit(grid: grid, xs: xs, curves: old.splines(input: i, at: xs)), input: i)
            }
            layer.scaleBase = old.scaleBase
            layer.scaleSpline = old.scaleSpline
            layer.mask = old.mask
            layer.subnodeScale = old.subnodeScale
            layer.subnodeBias = old.subnodeBias
            layer.nodeScale = old.nodeScale
            layer.nodeBias = old.nodeBias
            layer.baseFunction = old.baseFunction
            layer.symbolic = old.symbolic
            model.layers[l] = layer
        }
        return model
    }
}
