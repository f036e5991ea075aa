import Datasets
import Foundation
@testable import KAN
import Optimization
import Symbolic
import Testing

@Suite("fit")
struct FitTests {
    static func data() throws -> Dataset {
        try Dataset(expression: try Expr(parsing: "x1^2 + sin(2*x2)"), trainCount: 300, testCount: 100, seed: 5)
    }

    @Test("a loss that becomes NaN stops the fit and leaves the model at its last finite parameters")
    func nonFiniteLoss() throws {
        var model = try KANModel(width: [2, 3, 1], grid: 5, k: 3, seed: 0)
        let calls = Counter()
        let poisoned = LossFunction.custom { predictions, targets in
            let (value, gradient) = LossFunction.meanSquaredError.evaluate(predictions: predictions, targets: targets)
            return calls.next() > 40 ? (.nan, gradient.map { _ in .nan }) : (value, gradient)
        }
        do {
            try model.fit(try Self.data(), options: FitOptions(optimizer: .adam, steps: 100, learningRate: 0.01, loss: poisoned))
            Issue.record("the fit did not stop")
        } catch KANError.nonFiniteLoss(let step) {
            #expect(step > 0)
            #expect(model.parameterVector().allSatisfy { $0.isFinite })
        }
    }

    @Test("Adam and LBFGS both lower the loss; the history records every step")
    func optimizers() throws {
        for optimizer in FitOptions.Optimizer.allCases {
            var model = try KANModel(width: [2, 3, 1], grid: 5, k: 3, seed: 0)
            let history = try model.fit(try Self.data(), options: FitOptions(optimizer: optimizer, steps: 20,
                                                                             learningRate: optimizer == .adam ? 0.02 : 1))
            #expect(history.trainLoss.count == 20 && history.testLoss.count == 20 && history.regularization.count == 20)
            #expect(history.trainLoss.last! < history.trainLoss.first! * 0.8, "\(optimizer): \(history.trainLoss)")
        }
    }

    @Test("mini-batches, metrics, progress events, and wrong shapes rejected")
    func options() throws {
        var model = try KANModel(width: [2, 3, 1], grid: 5, k: 3, seed: 0)
        var events: [FitProgress] = []
        let metric = FitMetric(name: "test_mae") { model, data in
            let out = (try? model(data.testInputs))?.values ?? []
            return zip(out, data.testLabels.values).map { abs($0 - $1) }.reduce(0, +) / Double(out.count)
        }
        let history = try model.fit(try Self.data(), options: FitOptions(steps: 4, batch: 64, metrics: [metric])) { events.append($0) }
        #expect(events.map(\.step) == [1, 2, 3, 4])
        #expect(history.metrics["test_mae"]?.count == 4)
        var wrong = try KANModel(width: [3, 1], grid: 3, k: 3)
        #expect(throws: KANError.shapeMismatch(what: "train inputs columns (the model's input width)", expected: 3, found: 2)) {
            try wrong.fit(try Self.data())
        }
        #expect(throws: KANError.invalidWidth([2], reason: "needs at least an input and an output layer")) { try KANModel(width: [2]) }
        #expect(throws: KANError.self) { try KANModel(width: [2, 0, 1]) }
    }

    @Test("each step records the loss and regulariser of the model it leaves, with grid updates and mini-batches")
    func recordedStepValues() throws {
        let data = try Self.data()
        let regularization = Regularization(lamb: 0.01)
        for (batch, gridUpdateNum) in [(-1, 50), (-1, 1), (64, 10)] {
            var model = try KANModel(width: [2, 3, 1], grid: 5, k: 3, seed: 1)
            // The values of a fresh evaluation after every step; with the whole set as the batch they must equal
            // what the step recorded from the point it kept.
            let freshLoss = FitMetric(name: "loss") { model, data in
                (try? model.loss(inputs: data.trainInputs, targets: data.trainLabels)) ?? .nan
            }
            let freshRegularizer = FitMetric(name: "reg") { model, data in
                (try? model.regularization(inputs: data.trainInputs, regularization)) ?? .nan
            }
            let options = FitOptions(steps: 8, regularization: regularization, gridUpdateNum: gridUpdateNum, batch: batch,
                                     metrics: [freshLoss, freshRegularizer])
            let history = try model.fit(data, options: options)
            #expect(history.trainLoss.last! < history.trainLoss.first!)
            guard batch == -1 else { continue }
            for (recorded, fresh) in zip(history.trainLoss, history.metrics["loss"]!) {
                #expect(abs(recorded - fresh.squareRoot()) <= 1e-12 * fresh.squareRoot(), "batch \(batch), \(gridUpdateNum) updates")
            }
            for (recorded, fresh) in zip(history.regularization, history.metrics["reg"]!) {
                #expect(abs(recorded - fresh) <= 1e-12 * fresh, "batch \(batch), \(gridUpdateNum) updates")
            }
        }
    }

    @Test("an evaluator's kernels settle after its second pass over a batch (which builds a repeating first layer's sparse view); from then on one point gives the same bits")
    func kernelsSettle() throws {
        let model = try KANModel(width: [4, 3, 2], grid: 4, k: 3, seed: 8)
        var random = SeededRandom(seed: 9)
        // Mostly zeros and a few categories: the first layer's values repeat.
        let x = Matrix(rows: 400, columns: 4, values: (0..<1_600).map { _ in
            let u = random.uniform()
            return u < 0.75 ? 0 : (u < 0.9 ? 0.5 : -0.25)
        })
        let y = Matrix(rows: 400, columns: 2, values: (0..<800).map { _ in random.uniform(-1, 1) })
        let evaluator = KANEvaluator(model: model)
        var settled: [Bool] = [], results: [[Double]] = []
        for _ in 0..<4 {
            let result = evaluator.objective(model, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
            settled.append(evaluator.kernelsSettled)
            results.append([result.loss] + result.gradient)
        }
        #expect(settled == [false, true, true, true])
        #expect(evaluator.caches[0].sparse != nil, "the sparse view was not built")
        #expect(zip(results[2], results[3]).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    @Test("a kept point matches only its own parameter vector, bit for bit")
    func evaluatedPointMatch() {
        let point = EvaluatedPoint(parameters: [0.0, 1.5, -2], loss: 1, regularization: 0, gradient: [0, 0, 0])
        #expect(point.isAt([0.0, 1.5, -2]))
        #expect(!point.isAt([-0.0, 1.5, -2]))
        #expect(!point.isAt([0.0, 1.5.nextUp, -2]))
        #expect(!point.isAt([0.0, 1.5]))
    }

    @Test("the regulariser's value matches pykan's formula computed by hand on a tiny model")
    func regularizerValue() throws {
        // One layer 2 -> 1, so v has two entries; compute l1 and the entropies directly.
        let model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 4)
        let x = Matrix([[0.1, -0.5], [0.7, 0.2], [-0.3, 0.9], [0.5, -0.8]])
        let evaluator = KANEvaluator(model: model)
        _ = evaluator.forward(model, inputs: x, statistics: true)
        let v = evaluator.activationScales(model)[0]
        func std(_ values: [Double]) -> Double {
            let m = values.reduce(0, +) / Double(values.count)
            return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
        }
        for i in 0..<2 {
            let phi = model.layers[0].edge(input: i, output: 0, at: x.column(i))
            #expect(abs(v[i] - std(phi) / (std(x.column(i)) + 0.1)) < 1e-12)
        }
        let rowSum = v[0] + v[1]
        let pRow = v.map { $0 / (rowSum + 1) }
        let pCol = v.map { $0 / ($0 + 1) }
        let entropyRow = -pRow.reduce(0) { $0 + $1 * log2($1 + 1e-4) }
        let entropyColumn = -pCol.reduce(0) { $0 + $1 * log2($1 + 1e-4) } / 2
        let expected = rowSum + 2 * (entropyRow + entropyColumn)
        #expect(abs(try model.regularization(inputs: x, Regularization(lamb: 1)) - expected) < 1e-12)
    }
}

/// A thread-safe call counter for closures that must be `@Sendable`.
final class Counter: @unchecked Sendable {
    private var count = 0
    func next() -> Int { count += 1; return count }
}

