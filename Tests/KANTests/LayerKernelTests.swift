@testable import KAN
import Optimization
import Testing
import TestSupport

/// The evaluation kernels of a layer (`DenseLayerKernel`'s loops, with and without kept spline sums and pooled
/// gradients; `MatrixLayerKernel`'s OpenBLAS products; `SparseLayerKernel` over a first layer's repeated values)
/// give the forward values and gradients of the plain path. The plain path is the dense loops one row at a time:
/// a one-row batch has no repeats, and a pass with statistics never takes the products. Each kernel is driven
/// the way `KANEvaluator` chooses it (`RepeatedInputPolicy`, `MatrixLayerKernel.isWorthIt`), and the tests check
/// it was.
@Suite("Layer kernels: dense, matrix and sparse passes agree with the plain path")
struct LayerKernelTests {
    /// Outputs and the gradient of a forward and backward pass through `evaluator` (gradient of
    /// `sum(outputGradient * outputs)`; no regulariser).
    static func pass(_ evaluator: KANEvaluator, _ model: KANModel, _ x: Matrix, _ g: Matrix) -> (outputs: [Double], gradient: [Double]) {
        let outputs = evaluator.forward(model, inputs: x, statistics: false, gradients: true).values
        let gradient = evaluator.backward(model, outputGradient: g.values, regularization: .none, scaleGradients: nil)
        return (outputs, gradient)
    }

    /// The plain path: each row alone through a fresh evaluator, with statistics (so the dense loops), the
    /// gradients summed over rows.
    static func plain(_ model: KANModel, _ x: Matrix, _ g: Matrix) -> (outputs: [Double], gradient: [Double]) {
        var outputs: [Double] = []
        var gradient = [Double](repeating: 0, count: model.parameterVector().count)
        for row in 0..<x.rows {
            let evaluator = KANEvaluator(model: model)
            outputs += evaluator.forward(model, inputs: x.selectingRows([row]), statistics: true, gradients: true).values
            #expect(evaluator.caches.allSatisfy { !$0.holdsExpandedBasis && $0.sparse == nil && !$0.repeats.repeats })
            let part = evaluator.backward(model, outputGradient: g.row(row), regularization: .none, scaleGradients: nil)
            for index in gradient.indices { gradient[index] += part[index] }
        }
        return (outputs, gradient)
    }

    /// Records an issue unless `found` matches `expected` to `tolerance`, relative to each value's magnitude, or,
    /// for values much smaller than the largest (sums that cancel), to a thousandth of the largest.
    static func expectSame(_ found: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(found.count == expected.count, "\(what): \(found.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        let floor = 1e-3 * (expected.map(abs).max() ?? 0)
        var worst = (error: 0.0, index: -1)
        for (index, (a, b)) in zip(found, expected).enumerated() {
            let error = abs(a - b) / max(abs(b), floor, 1e-300)
            if !(error <= worst.error) { worst = (error, index) }
        }
        #expect(worst.error <= tolerance, "\(what): value \(worst.index) is \(found[max(worst.index, 0)]), expected \(expected[max(worst.index, 0)]) (relative error \(worst.error))",
                sourceLocation: sourceLocation)
        #expect(expected.contains { $0 != 0 }, "\(what): nothing to compare", sourceLocation: sourceLocation)
    }

    /// A model with trainable affine maps, non-trivial node maps and one pruned edge per layer, so every kind of
    /// parameter carries gradient and the kernels must honour the mask.
    static func model(_ width: [Int], seed: UInt64) throws -> KANModel {
        var configuration = KANConfiguration(width: width, grid: 5, order: 3, seed: seed)
        configuration.affineTrainable = true
        var model = try KANModel(configuration)
        for l in model.layers.indices {
            model.layers[l].nodeScale = model.layers[l].nodeScale.map { $0 * 1.3 }
            model.layers[l].subnodeBias = model.layers[l].subnodeBias.map { $0 + 0.2 }
            model.layers[l].mask[1] = 0
        }
        return model
    }

    /// Three passes over `x` with the parameters moved between them, each matching the plain path; `path` checks,
    /// per pass, which path the first layer took (its cache, and whether it held a sparse view before the pass).
    static func threePasses(_ model: KANModel, _ x: Matrix, _ g: Matrix, evaluator: KANEvaluator,
                            path: (_ step: Int, _ first: KANEvaluator.LayerCache, _ hadSparse: Bool) -> Void) {
        for step in 0..<3 {
            let current = step == 0 ? model : Self.moved(model, step: step)
            let hadSparse = evaluator.caches[0].sparse != nil
            let found = Self.pass(evaluator, current, x, g)
            path(step, evaluator.caches[0], hadSparse)
            let expected = Self.plain(current, x, g)
            Self.expectSame(found.outputs, expected.outputs, "outputs, pass \(step)")
            Self.expectSame(found.gradient, expected.gradient, "gradient, pass \(step)")
        }
    }

    /// `model` with every parameter moved a little, differently per `step`: a fit's next evaluation.
    static func moved(_ model: KANModel, step: Int) -> KANModel {
        var moved = model
        var random = SeededRandom(seed: UInt64(100 + step))
        moved.setParameterVector(model.parameterVector().map { $0 * (1 + 0.05 * random.uniform(-1, 1)) + 0.01 * random.uniform(-1, 1) })
        return moved
    }

    static func uniform(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in random.uniform(-1, 1) })
    }

    /// Inputs mostly 0 (70% of values) and otherwise one of five levels: pixels, categories.
    static func repeated(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        let levels = [-0.8, -0.3, 0.25, 0.6, 0.95]
        return Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in
            random.uniform() < 0.7 ? 0 : levels[Int(random.uniform() * 5) % 5]
        })
    }

    @Test("dense loops on a batch split into chunks (distinct inputs, narrow layers) give the plain path's values and gradients")
    func dense() throws {
        let model = try Self.model([3, 5, 2], seed: 1)
        let x = Self.uniform(rows: 400, columns: 3, seed: 2), g = Self.uniform(rows: 400, columns: 2, seed: 3)
        #expect(!model.layers.contains { MatrixLayerKernel.isWorthIt($0, rows: 400) })
        #expect(KANEvaluator.chunks(rows: 400, work: 400 * 3 * 5).count == KANEvaluator.parallelChunks)
        let evaluator = KANEvaluator(model: model)
        let found = Self.pass(evaluator, model, x, g)
        #expect(evaluator.caches.allSatisfy { !$0.holdsExpandedBasis && $0.sparse == nil && !$0.repeats.repeats })
        let expected = Self.plain(model, x, g)
        Self.expectSame(found.outputs, expected.outputs, "outputs")
        Self.expectSame(found.gradient, expected.gradient, "gradient")
    }

    @Test("matrix products (layers of 40 and 33 outputs): forward, coefficient and scale gradients and the input's gradient match the plain path")
    func matrix() throws {
        let model = try Self.model([3, 40, 33], seed: 4)
        let x = Self.uniform(rows: 80, columns: 3, seed: 5), g = Self.uniform(rows: 80, columns: 33, seed: 6)
        #expect(model.layers.allSatisfy { MatrixLayerKernel.isWorthIt($0, rows: 80) })
        let evaluator = KANEvaluator(model: model)
        var found = Self.pass(evaluator, model, x, g)
        // Both layers went through the products (the second one's backward also computes its input's gradient).
        #expect(evaluator.caches.allSatisfy { $0.holdsExpandedBasis })
        var expected = Self.plain(model, x, g)
        Self.expectSame(found.outputs, expected.outputs, "outputs")
        Self.expectSame(found.gradient, expected.gradient, "gradient")

        // Again on the same input with other parameters: the expanded first-layer basis is reused.
        let next = Self.moved(model, step: 1)
        found = Self.pass(evaluator, next, x, g)
        expected = Self.plain(next, x, g)
        Self.expectSame(found.outputs, expected.outputs, "outputs, second pass")
        Self.expectSame(found.gradient, expected.gradient, "gradient, second pass")
    }

    @Test("dense loops over repeated inputs: pooled gradients, then kept spline sums and the sparse view, pass after pass, match the plain path")
    func repeatedDense() throws {
        let model = try Self.model([4, 6, 3], seed: 7)
        let x = Self.repeated(rows: 200, columns: 4, seed: 8), g = Self.uniform(rows: 200, columns: 3, seed: 9)
        #expect(!model.layers.contains { MatrixLayerKernel.isWorthIt($0, rows: 200) })
        let evaluator = KANEvaluator(model: model)
        // Pass 0: a new input whose values repeat, so the backward pass pools the gradients of equal values.
        // Pass 1: the same input again: the forward pass keeps spline sums and builds the sparse view, which the
        // backward pass then uses. Pass 2: forward and backward through the sparse view.
        Self.threePasses(model, x, g, evaluator: evaluator) { step, first, hadSparse in
            switch step {
            case 0: #expect(first.repeats.repeats && first.repeats.poolsGradients(inputGradient: false) && first.sparse == nil)
            case 1: #expect(first.repeats.keepsSplineSums(sameInput: true) && !hadSparse && first.sparse != nil)
            default:
                #expect(hadSparse && first.repeats.sparseForward(sameInput: true, statistics: false) != nil
                        && first.repeats.sparseBackward(regularizing: false, inputGradient: false) != nil)
            }
        }
        // The hidden layer's input (the first layer's outputs) does not repeat: it stays on the plain loops.
        #expect(!evaluator.caches[1].repeats.repeats && evaluator.caches[1].sparse == nil)
    }

    @Test("a wide first layer over repeated inputs: matrix products first, then the sparse view, each pass matching the plain path")
    func repeatedMatrix() throws {
        let model = try Self.model([4, 36, 2], seed: 10)
        let x = Self.repeated(rows: 120, columns: 4, seed: 11), g = Self.uniform(rows: 120, columns: 2, seed: 12)
        #expect(MatrixLayerKernel.isWorthIt(model.layers[0], rows: 120) && !MatrixLayerKernel.isWorthIt(model.layers[1], rows: 120))
        let evaluator = KANEvaluator(model: model)
        // Pass 0: products forward and backward (a new input). Pass 1: products forward over the kept basis, the
        // sparse view built, backward through it. Pass 2: both through the sparse view.
        Self.threePasses(model, x, g, evaluator: evaluator) { step, first, hadSparse in
            switch step {
            case 0: #expect(first.holdsExpandedBasis && first.repeats.repeats && first.sparse == nil)
            case 1: #expect(first.holdsExpandedBasis && !hadSparse && first.sparse != nil)
            default: #expect(hadSparse && first.repeats.sparseForward(sameInput: true, statistics: false) != nil)
            }
        }
    }

    @Test("the choice: products from 32 outputs on, within the expanded basis' memory bound; repeats from a quarter of values equal to the previous row's")
    func choices() throws {
        let narrow = try KANModel(width: [3, 31], grid: 5, k: 3, seed: 0), wide = try KANModel(width: [3, 32], grid: 5, k: 3, seed: 0)
        #expect(!MatrixLayerKernel.isWorthIt(narrow.layers[0], rows: 10))
        #expect(MatrixLayerKernel.isWorthIt(wide.layers[0], rows: 10))
        // The expanded basis of `rows` rows takes rows * inputs * (grid + k + 1) doubles (the basis, then b(x)): the
        // bound is 256 MiB.
        let perRow = 3 * (5 + 3 + 1) * MemoryLayout<Double>.stride
        #expect(MatrixLayerKernel.isWorthIt(wide.layers[0], rows: MatrixLayerKernel.expandedBasisBytes / perRow))
        #expect(!MatrixLayerKernel.isWorthIt(wide.layers[0], rows: MatrixLayerKernel.expandedBasisBytes / perRow + 1))

        var policy = RepeatedInputPolicy()
        policy.newInput(repeatHits: 25, values: 100)
        #expect(policy.repeats && policy.keepsSplineSums(sameInput: true) && !policy.keepsSplineSums(sameInput: false))
        #expect(policy.poolsGradients(inputGradient: false) && !policy.poolsGradients(inputGradient: true))
        policy.newInput(repeatHits: 24, values: 100)
        #expect(!policy.repeats && !policy.poolsGradients(inputGradient: false))
        // The sparse view is considered once, on the second pass over a repeating first-layer input.
        var built = 0
        policy.newInput(repeatHits: 50, values: 100)
        let x = Self.repeated(rows: 20, columns: 3, seed: 1)
        let layer = wide.layers[0]
        let sparse = { () -> SparseInputs? in
            built += 1
            return SparseInputs(input: x.values, rows: 20, inputs: 3, tables: BasisTables(knots: layer.knots, order: layer.order),
                                order: layer.order, baseFunction: layer.baseFunction)
        }
        policy.sameInputAgain(firstLayer: false, build: sparse)
        #expect(built == 0 && policy.sparse == nil)
        policy.sameInputAgain(firstLayer: true, build: sparse)
        policy.sameInputAgain(firstLayer: true, build: sparse)
        #expect(built == 1 && policy.sparse != nil)
        #expect(policy.sparseForward(sameInput: true, statistics: false) != nil)
        #expect(policy.sparseForward(sameInput: true, statistics: true) == nil && policy.sparseForward(sameInput: false, statistics: false) == nil)
        #expect(policy.sparseBackward(regularizing: true, inputGradient: false) == nil)
        #expect(policy.sparseBackward(regularizing: false, inputGradient: true) == nil)
    }
}
