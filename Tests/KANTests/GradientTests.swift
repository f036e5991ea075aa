@testable import KAN
import Optimization
import Testing
import TestSupport

/// The analytic backward pass against central finite differences of the same objective, for every kind of
/// parameter, on a deep model, with and without regularisation.
@Suite("Gradients")
struct GradientTests {
    static func data(rows: Int, inputs: Int, outputs: Int, seed: UInt64) -> (Matrix, Matrix) {
        var random = SeededRandom(seed: seed)
        let x = Matrix(rows: rows, columns: inputs, values: (0..<rows * inputs).map { _ in random.uniform(-1.2, 1.2) })
        let y = Matrix(rows: rows, columns: outputs, values: (0..<rows * outputs).map { _ in random.uniform(-1, 1) })
        return (x, y)
    }

    /// Checks every parameter, or those at `indices`.
    static func check(model: KANModel, inputs: Matrix, targets: Matrix, loss: LossFunction,
                      regularization: Regularization, tolerance: Double = 1e-6, indices: [Int]? = nil) throws {
        let analytic = try model.lossAndGradient(inputs: inputs, targets: targets, loss: loss, regularization: regularization).gradient
        let parameters = model.parameterVector()
        #expect(analytic.count == parameters.count)
        var failures: [String] = []
        for index in indices ?? Array(parameters.indices) {
            let h = 1e-6
            func objective(_ shift: Double) throws -> Double {
                var shifted = model
                var vector = parameters
                vector[index] += shift
                shifted.setParameterVector(vector)
                let result = try shifted.lossAndGradient(inputs: inputs, targets: targets, loss: loss, regularization: regularization)
                return result.loss + regularization.lamb * result.regularization
            }
            let numeric = (try objective(h) - objective(-h)) / (2 * h)
            let error = abs(numeric - analytic[index]) / max(1e-3, abs(numeric))
            if !(error < tolerance) { failures.append("parameter \(index): analytic \(analytic[index]), numeric \(numeric)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(parameters.count) gradients differ: \(failures.prefix(8).joined(separator: "; "))")
    }

    @Test("deep model [3,4,2,1], every parameter kind, mean squared error, no regularisation")
    func deepModel() throws {
        var configuration = KANConfiguration(width: [3, 4, 2, 1], grid: 4, order: 3, seed: 3)
        configuration.affineTrainable = true
        var model = try KANModel(configuration)
        // Non-trivial affine maps and scales, so every path carries gradient.
        for l in model.layers.indices {
            model.layers[l].nodeScale = model.layers[l].nodeScale.map { $0 * 1.3 }
            model.layers[l].subnodeBias = model.layers[l].subnodeBias.map { $0 + 0.2 }
        }
        let (x, y) = Self.data(rows: 17, inputs: 3, outputs: 1, seed: 1)
        try Self.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
    }

    @Test("with pykan's regularisation (l1, entropy, coefficient terms)")
    func regularized() throws {
        var configuration = KANConfiguration(width: [3, 4, 2], grid: 5, order: 3, seed: 5)
        configuration.affineTrainable = true
        let model = try KANModel(configuration)
        let (x, y) = Self.data(rows: 23, inputs: 3, outputs: 2, seed: 2)
        let regularization = Regularization(lamb: 0.01, lambL1: 1, lambEntropy: 2, lambCoef: 0.5, lambCoefDiff: 0.3)
        try Self.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: regularization, tolerance: 1e-5)
    }

    @Test("regularised, the edge values kept from the forward pass (a small layer) or summed again (a large one)")
    func regularizedEdgeValues() throws {
        let regularization = Regularization(lamb: 0.01, lambL1: 1, lambEntropy: 2)
        // [3,4,2] on 23 rows keeps its edge values; [1050,2] on 1,000 rows would need 16.8 MB of them, more than
        // the bound, and sums its splines again in the backward pass.
        for (width, rows) in [([3, 4, 2], 23), ([1050, 2], 1000)] {
            let model = try KANModel(width: width, grid: 5, k: 3, seed: 6)
            let (x, y) = Self.data(rows: rows, inputs: width[0], outputs: 2, seed: 4)
            let evaluator = KANEvaluator(model: model)
            _ = evaluator.objective(model, inputs: x, targets: y, loss: .meanSquaredError, regularization: regularization)
            let kept = rows * width[0] * width[1] * MemoryLayout<Double>.stride <= KANEvaluator.LayerCache.edgeValueBytes
            #expect(evaluator.caches[0].holdsEdgeValues == kept, "\(width) on \(rows) rows")
            // Every parameter of the small model; of the large one, coefficients, scales of both kinds.
            let count = model.parameterCount, edges = width[0] * width[1]
            let sampled = kept ? nil : [0, 7, count / 3, edges * 8 - 1, edges * 8 + 5, edges * 9 + 11, count - 1]
            try Self.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: regularization,
                           tolerance: 1e-5, indices: sampled)
        }
    }

    @Test("cross-entropy, order 2, identity base function")
    func crossEntropy() throws {
        var configuration = KANConfiguration(width: [2, 3, 3], grid: 3, order: 2, seed: 7)
        configuration.baseFunction = .identity
        let model = try KANModel(configuration)
        var (x, _) = Self.data(rows: 12, inputs: 2, outputs: 1, seed: 3)
        x.values = x.values.map { $0 * 0.8 }
        let labels = Matrix(rows: 12, columns: 1, values: (0..<12).map { Double($0 % 3) })
        try Self.check(model: model, inputs: x, targets: labels, loss: .crossEntropy, regularization: .none)
    }

    @Test("inputs with repeated values (pixels at 0, categories) give the same gradients, and match finite differences")
    func repeatedValues() throws {
        var configuration = KANConfiguration(width: [4, 3, 2], grid: 4, order: 3, seed: 8)
        configuration.affineTrainable = true
        let model = try KANModel(configuration)
        var random = SeededRandom(seed: 9)
        // Mostly zeros and a few categories, in runs and scattered.
        let x = Matrix(rows: 40, columns: 4, values: (0..<160).map { index in
            let u = random.uniform()
            return index % 7 == 0 ? random.uniform(-1, 1) : (u < 0.75 ? 0 : (u < 0.9 ? 0.5 : -0.25))
        })
        let y = Matrix(rows: 40, columns: 2, values: (0..<80).map { _ in random.uniform(-1, 1) })
        try Self.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
        try Self.check(model: model, inputs: x, targets: y, loss: .meanSquaredError,
                   regularization: Regularization(lamb: 0.01, lambCoef: 0.2), tolerance: 1e-5)
        let evaluator = try Self.keptMatchesFresh(model: model, inputs: x, targets: y)
        #expect(evaluator.caches[0].sparse != nil, "the sparse view was not built")
    }

    /// Evaluates `model` once with a kept evaluator, then a shifted model twice more on the same inputs (the
    /// second pass builds the first layer's sparse view and uses it backward, the third forward too): the
    /// numbers must be those of a fresh evaluation. Returns the kept evaluator.
    static func keptMatchesFresh(model: KANModel, inputs x: Matrix, targets y: Matrix) throws -> KANEvaluator {
        let evaluator = KANEvaluator(model: model)
        _ = evaluator.objective(model, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
        var shifted = model
        shifted.setParameterVector(model.parameterVector().map { $0 * 1.01 + 0.001 })
        let fresh = try shifted.lossAndGradient(inputs: x, targets: y)
        for _ in 0..<2 {
            let kept = evaluator.objective(shifted, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
            expectClose(kept.loss, fresh.loss, tolerance: 1e-12)
            for (a, b) in zip(kept.gradient, fresh.gradient) { expectClose(a, b, tolerance: 1e-11) }
        }
        return evaluator
    }

    @Test("sparse first-layer passes in several chunks, with an input that has no mode, match a fresh evaluation")
    func sparseInChunks() throws {
        let model = try KANModel(width: [4, 3, 2], grid: 4, k: 3, seed: 8)
        var random = SeededRandom(seed: 10)
        // Inputs 0-2 are 0 in 75% of the rows and otherwise one of 100 levels; input 3 is continuous (no mode).
        let rows = 1_200
        let x = Matrix(rows: rows, columns: 4, values: (0..<rows * 4).map { index in
            if index % 4 == 3 { return random.uniform(-1, 1) }
            return random.uniform() < 0.75 ? 0 : Double(Int(random.uniform() * 100)) / 50 - 1
        })
        let y = Matrix(rows: rows, columns: 2, values: (0..<rows * 2).map { _ in random.uniform(-1, 1) })
        let evaluator = try Self.keptMatchesFresh(model: model, inputs: x, targets: y)
        let sparse = try #require(evaluator.caches[0].sparse, "the sparse view was not built")
        #expect(sparse.modes[3].isNaN && sparse.modes[0] == 0)
        #expect(sparse.inputChunks(outputs: 3).count > 1)
    }

    @Test("large batches split into chunks give the same gradient as one chunk would")
    func chunkedMatchesSmall() throws {
        let model = try KANModel(width: [5, 3, 1], grid: 5, k: 3, seed: 11)
        let (x, y) = Self.data(rows: 4000, inputs: 5, outputs: 1, seed: 4)
        let whole = try model.lossAndGradient(inputs: x, targets: y, regularization: Regularization(lamb: 0.01))
        // Sum of per-half gradients, each weighted by its share of the mean.
        let first = Array(0..<2000), second = Array(2000..<4000)
        let a = try model.lossAndGradient(inputs: x.selectingRows(first), targets: y.selectingRows(first))
        let b = try model.lossAndGradient(inputs: x.selectingRows(second), targets: y.selectingRows(second))
        let plain = try model.lossAndGradient(inputs: x, targets: y)
        for index in plain.gradient.indices {
            expectClose(plain.gradient[index], (a.gradient[index] + b.gradient[index]) / 2, tolerance: 1e-10)
        }
        #expect(whole.gradient.allSatisfy { $0.isFinite })
    }

    @Test("wide layers (32 and more outputs) run as matrix products, within a memory bound: their gradients match finite differences, and their outputs the loops' (statistics passes)")
    func wideLayers() throws {
        var configuration = KANConfiguration(width: [3, 36, 32], grid: 3, order: 3, seed: 11)
        configuration.affineTrainable = true
        let model = try KANModel(configuration)
        #expect(model.layers.allSatisfy { MatrixLayerKernel.isWorthIt($0, rows: 9) })
        #expect(!MatrixLayerKernel.isWorthIt(model.layers[1], rows: 1_000_000), "a million rows would expand to 1.7 GB")
        let (x, y) = Self.data(rows: 9, inputs: 3, outputs: 32, seed: 4)
        try Self.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
        let evaluator = KANEvaluator(model: model)
        let products = evaluator.forward(model, inputs: x, statistics: false).values
        let loops = KANEvaluator(model: model).forward(model, inputs: x, statistics: true).values
        #expect(zip(products, loops).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    }
}

