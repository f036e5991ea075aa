import Distill
import Foundation
@testable import KAN
import MLP
import Symbolic
import Testing

/// Bad input gets an error naming the problem, and model operations keep what they should.
@Suite("Robustness")
struct RobustnessTests {
    static let data = try! Dataset(expression: try! Expr(parsing: "x1^2 + sin(x2)"), trainCount: 200, testCount: 50, seed: 1)

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
        var mlp = try MLPModel(widths: [2, 4, 2])
        #expect(throws: KANError.self) { try mlp(three) }
        let classes = try Dataset(trainInputs: Matrix([[0, 1], [1, 0]]), trainLabels: Matrix([[0], [1]]),
                                  testInputs: Matrix([[0, 1]]), testLabels: Matrix([[0]]))
        #expect(throws: KANError.self) { try mlp.train(classes, options: MLPTrainingOptions(batchSize: 0)) }
    }

    @Test("pruning that would empty a hidden layer is refused")
    func pruneEverything() throws {
        let model = try KANModel(width: [2, 3, 1], grid: 3, k: 3, seed: 0)
        #expect(throws: KANError.self) { try model.pruned(samples: Self.data.trainInputs, nodeThreshold: 1e9) }
    }

    @Test("refining keeps fixed edges")
    func refineKeepsSymbolicEdges() throws {
        var model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 0)
        try model.fixSymbolic(layer: 0, input: 0, output: 0, function: try FunctionLibrary.standard().function(named: "x^2"),
                              constants: .init(a: 1, b: 0, c: 1, d: 0))
        let fine = try model.refined(grid: 6, samples: Self.data.trainInputs)
        #expect(fine.layers[0].symbolic[0]?.name == "x^2")
        let before = try model(Self.data.testInputs), after = try fine(Self.data.testInputs)
        for (a, b) in zip(before.values, after.values) { #expect(abs(a - b) < 1e-6) }
    }

    @Test("distillation refuses digits outside 1...15; odd column names become variable names")
    func distillOptions() throws {
        var model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 0)
        let library = try FunctionLibrary.standard().subset(["x", "x^2"])
        #expect(throws: DistillationError.self) {
            try Distiller.distill(&model, data: Self.data, options: DistillOptions(library: library, significantDigits: 16))
        }
        #expect(ExpressionParser.variableName("max-hr") == "max_hr")
        #expect(ExpressionParser.variableName("2nd") == "_2nd")
        #expect(SwiftCodePrinter().printFunction(try Expr(parsing: "x"), parameters: ["x"]).contains("_ x: Double"))
    }
}

@Suite("Input pruning")
struct InputPruningTests {
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
        let before = try model(data.testInputs), after = try pruned(data.testInputs.selectingRows(Array(0..<100)).dropping(column: 1))
        let difference = zip(before.values, after.values).map { abs($0 - $1) }.max()!
        #expect(difference < 0.05, "max difference \(difference)")
    }
}

extension Matrix {
    func dropping(column: Int) -> Matrix {
        Matrix((0..<rows).map { r in (0..<columns).filter { $0 != column }.map { self[r, $0] } })
    }
}
