import Datasets
@testable import KAN
import Optimization
import Symbolic
import Testing

/// Pruning nodes, edges and inputs keeps what the network computes, and refuses to empty a layer.
@Suite("Pruning")
struct PruningTests {
    static let hellokan = try! Dataset(expression: try! Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)

    @Test("pruning keeps what the network computes")
    func pruningKeepsOutputs() throws {
        let data = Self.hellokan
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
        let pruned = try model.pruned(samples: data.trainInputs)
        let before = try model.loss(inputs: data.testInputs, targets: data.testLabels).squareRoot()
        let after = try pruned.loss(inputs: data.testInputs, targets: data.testLabels).squareRoot()
        #expect(pruned.width == [2, 1, 1])
        #expect(after < 2 * before, "test RMSE \(before) before pruning, \(after) after")
        var retrained = pruned
        let history = try retrained.fit(data, options: FitOptions(steps: 50))
        #expect(history.testLoss.last! <= before, "after retraining \(history.testLoss.last!), before pruning \(before)")
    }

    @Test("live edges: every edge of a new model; a pruned edge no longer, a fixed one still")
    func liveEdges() throws {
        var model = try KANModel(width: [2, 3, 1], grid: 3, k: 3, seed: 0)
        #expect(model.liveEdgeCount == 9)
        model.layers[0].mask[0] = 0
        #expect(model.liveEdgeCount == 8)
        model.layers[0].symbolic[0] = try SymbolicEdge(function: FunctionLibrary.standard().function(named: "sin"),
                                                       constants: AffineConstants(a: 1, b: 0, c: 1, d: 0))
        #expect(model.liveEdgeCount == 9)
    }

    @Test("pruning that would empty a hidden layer is refused")
    func pruneEverything() throws {
        let model = try KANModel(width: [2, 3, 1], grid: 3, k: 3, seed: 0)
        #expect(throws: KANError.self) { try model.pruned(samples: Self.hellokan.trainInputs, nodeThreshold: 1e9) }
    }

    @Test("an input the function ignores is removed and named; the model keeps computing what it computed")
    func unusedInput() throws {
        let data = try Dataset(expression: try Expr(parsing: "sin(pi*x1)"), variables: ["x1", "x2"], trainCount: 400, testCount: 100, seed: 2)
        var model = try KANModel(width: [2, 1], grid: 5, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 30, regularization: Regularization(lamb: 0.01)))
        let scores = try model.attribute(samples: data.trainInputs).featureScores
        #expect(scores.count == 2 && scores[0] > 0.3 && scores[1] < 0.05 * scores[0], "feature scores \(scores)")
        let (pruned, removed) = try model.prunedInputs(samples: data.trainInputs, threshold: 0.05)
        #expect(removed == [1])
        #expect(pruned.width == [1, 1])
        let before = try model(data.testInputs), after = try pruned(data.testInputs.dropping(column: 1))
        let difference = zip(before.values, after.values).map { abs($0 - $1) }.max()!
        #expect(difference < 0.05, "max difference \(difference)")
    }

    @Test("inputs of the wrong width or with no rows are errors, not crashes")
    func wrongShapes() throws {
        let model = try KANModel(width: [2, 3, 1], grid: 3, k: 3, seed: 0)
        let three = Matrix(rows: 4, columns: 3, repeating: 0.1), labels = Matrix(rows: 4, columns: 1, repeating: 0)
        #expect(throws: KANError.self) { try model.lossAndGradient(inputs: three, targets: labels) }
        #expect(throws: KANError.self) { try model.activations(three) }
        #expect(throws: KANError.self) { try model.attribute(samples: Matrix(rows: 0, columns: 2)) }
        #expect(throws: KANError.shapeMismatch(what: "label rows (one per input row)", expected: 4, found: 3)) {
            try model.loss(inputs: Matrix(rows: 4, columns: 2, repeating: 0.1), targets: Matrix(rows: 3, columns: 1))
        }
    }
}

extension Matrix {
    func dropping(column: Int) -> Matrix {
        Matrix((0..<rows).map { r in (0..<columns).filter { $0 != column }.map { self[r, $0] } })
    }
}
