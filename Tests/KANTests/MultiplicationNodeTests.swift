import Datasets
import Foundation
@testable import KAN
import Optimization
import Symbolic
import Testing
import TestSupport

/// Multiplication nodes (pykan's MultKAN): shapes, gradients, checkpoints, attribution and pruning.
@Suite("Multiplication nodes")
struct MultiplicationNodeTests {
    /// A model whose affine maps are trained and moved off the identity, so every path carries gradient.
    static func model(width: String, arity: String = "2", seed: UInt64 = 3) throws -> KANModel {
        let specification = try WidthSpecification(parsing: width, arity: arity)
        var configuration = KANConfiguration(width: specification.width, grid: 4, order: 3, seed: seed, multArity: specification.multArity)
        configuration.affineTrainable = true
        var model = try KANModel(configuration)
        for l in model.layers.indices {
            model.layers[l].nodeScale = model.layers[l].nodeScale.enumerated().map { $1 * (1.1 + 0.1 * Double($0)) }
            model.layers[l].subnodeBias = model.layers[l].subnodeBias.enumerated().map { $1 + 0.3 - 0.1 * Double($0) }
            model.layers[l].subnodeScale = model.layers[l].subnodeScale.enumerated().map { $1 * (0.9 + 0.2 * Double($0)) }
        }
        return model
    }

    @Test("width syntax: pykan's nested lists, one arity for all or one per node; bad forms named")
    func widthSyntax() throws {
        let pykan = try WidthSpecification(parsing: "[2,[5,2],1]")
        #expect(pykan.width == [2, 7, 1] && pykan.multArity == [[], [2, 2], []])
        let mixed = try WidthSpecification(parsing: "3, [1,2], 1", arity: "[[],[3,4],[]]")
        #expect(mixed.width == [3, 3, 1] && mixed.multArity == [[], [3, 4], []])
        #expect(try WidthSpecification(parsing: "2,5,1").multArity == nil)
        #expect(try WidthSpecification(parsing: "2,[0,1],1", arity: "3").multArity == [[], [3], []])
        for bad in ["2,,1", "2,[0,1,1", "2,[0],1", "x", "2"] {
            #expect(throws: KANError.self, "\(bad)") { try WidthSpecification(parsing: bad) }
        }
        #expect(throws: KANError.self) { try WidthSpecification(parsing: "2,[0,2],1", arity: "[[],[2],[]]") }
        let model = try KANModel(KANConfiguration(width: [3, 3, 1], multArity: [[], [3, 4], []]))
        #expect(model.layers[0].outputs == 1 + 3 + 4 && model.layers[0].nodes == 3 && model.layers[1].inputs == 3)
        #expect(model.configuration.widthDescription == "[3, [1, 2], 1]")
        #expect(throws: KANError.self) { try KANModel(KANConfiguration(width: [2, 1], multArity: [[2], []])) }
        #expect(throws: KANError.self) { try KANModel(KANConfiguration(width: [2, 1, 1], multArity: [[], [1], []])) }
    }

    @Test("gradients match finite differences: arity 2 and 3, mixed sum and multiplication nodes, two layers of them",
          arguments: [("2,[1,1],1", "2"), ("3,[0,1],1", "3"), ("2,[1,2],[1,1],1", "[[],[2,3],[2],[]]")])
    func gradients(width: String, arity: String) throws {
        let model = try Self.model(width: width, arity: arity)
        let (x, y) = GradientTests.data(rows: 13, inputs: model.inputCount, outputs: 1, seed: 4)
        try GradientTests.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: .none)
        try GradientTests.check(model: model, inputs: x, targets: y, loss: .meanSquaredError,
                                regularization: Regularization(lamb: 0.01, lambL1: 1, lambEntropy: 2, lambCoef: 0.5, lambCoefDiff: 0.3))
    }

    @Test("the forward pass multiplies: a node of arity 3 with identity edges computes the product of its subnodes")
    func forwardProduct() throws {
        var model = try KANModel(KANConfiguration(width: [3, 1, 1], grid: 3, order: 3, multArity: [[], [3], []]))
        let x = try FunctionLibrary.standard().function(named: "x")
        for i in 0..<3 {
            for o in 0..<3 {
                try model.fixSymbolic(EdgeID(layer: 0, input: i, output: o), function: x,
                                      constants: .init(a: 1, b: 0, c: i == o ? 1 : 0, d: 0))
            }
        }
        try model.fixSymbolic(EdgeID(layer: 1, input: 0, output: 0), function: x, constants: .init(a: 1, b: 0, c: 2, d: 0.5))
        let output = try model(Matrix([[0.5, -2, 3]]))
        expectClose(output[0, 0], 2 * (0.5 * -2 * 3) + 0.5)
    }

    @Test("checkpoints carry node types and arities (format 2); a format 1 file still loads")
    func checkpoint() throws {
        let model = try Self.model(width: "2,[1,1],1", arity: "3")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-mult-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(model: model).save(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"formatVersion\" : 2") && text.contains("\"multArity\""))
        let loaded = try Checkpoint.load(from: url).model
        #expect(loaded == model && loaded.layers[0].multiplicationArities == [3])
        // A sum-only model saved in format 1 (no arities anywhere) loads as before.
        let plain = try KANModel(width: [2, 3, 1], grid: 3, k: 3, seed: 1)
        try Checkpoint(model: plain).save(to: url)
        let old = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : 1")
        #expect(!old.contains("multArity") && !old.contains("multiplication"))
        try old.write(to: url, atomically: false, encoding: .utf8)
        #expect(try Checkpoint.load(from: url).model == plain)
    }

    @Test("pruning removes a multiplication node with all its subnodes, and the pruned model computes what it computed")
    func pruning() throws {
        let data = try Dataset(expression: try Expr(parsing: "x1*x2"), variables: ["x1", "x2"], trainCount: 400, testCount: 200, seed: 1)
        var model = try KANModel(KANConfiguration(width: [2, 3, 1], grid: 5, order: 3, seed: 0, multArity: [[], [2, 2], []]))
        try model.fit(data, options: FitOptions(steps: 60, regularization: Regularization(lamb: 0.002)))
        let scores = try model.attribute(samples: data.trainInputs).nodeScores[1]
        #expect(scores.count == 3)
        let pruned = try model.prunedNodes(samples: data.trainInputs, threshold: scores.sorted()[1] * 1.0001)
        #expect(pruned.width == [2, 1, 1], "scores \(scores), pruned \(pruned.configuration.widthDescription)")
        let kept = try #require(scores.indices.max { scores[$0] < scores[$1] })
        let survivor = pruned.layers[0]
        #expect(survivor.multiplicationArities == (kept == 0 ? [] : [2]))
        #expect(survivor.outputs == (kept == 0 ? 1 : 2) && survivor.nodeScale.count == 1)
        let before = try model(data.testInputs), after = try pruned(data.testInputs)
        let rmse = Metrics.rmse(after.values, before.values), spread = Metrics.rmse(before.values, before.values.map { _ in 0 })
        #expect(rmse < 0.1 * spread, "pruning changed the outputs by \(rmse) (outputs' size \(spread))")
    }
}
