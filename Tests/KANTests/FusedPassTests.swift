@testable import KAN
import Optimization
import Symbolic
import Testing

/// The passes that run all layers in one parallel region (`KANEvaluator.fusedForward`, `fusedBackward`) against
/// the layer-by-layer passes and against finite differences.
@Suite("Fused passes")
struct FusedPassTests {
    /// Enough rows that every layer of these models is cut into chunks (the fused passes need that).
    static let rows = 2_048

    static func models() throws -> [(String, KANModel)] {
        let plain = try KANModel(width: [3, 4, 2, 1], grid: 4, k: 3, seed: 3)
        var affine = KANConfiguration(width: [3, 4, 2, 1], grid: 5, order: 2, seed: 4, multArity: [[], [2], [], []])
        affine.affineTrainable = true
        var symbolic = try KANModel(width: [3, 4, 2, 1], grid: 4, k: 3, seed: 5)
        try symbolic.fixSymbolic(EdgeID(layer: 1, input: 2, output: 0), function: FunctionLibrary.standard().function(named: "sin"),
                                 constants: AffineConstants(a: 1.5, b: 0.2, c: 0.7, d: 0.1))
        return [("plain", plain), ("multiplication node, trained node maps, order 2", try KANModel(affine)), ("a symbolic edge", symbolic)]
    }

    /// Outputs, edge statistics and gradient of one evaluator, fused or not.
    static func evaluate(_ model: KANModel, fused: Bool, x: Matrix, y: Matrix, regularization: Regularization)
        -> (outputs: [Double], scales: [[Double]], gradient: [Double], fusedPasses: Int) {
        let evaluator = KANEvaluator(model: model)
        evaluator.fusesLayers = fused
        // Twice, so the second pass finds the first layer's basis kept.
        _ = evaluator.objective(model, inputs: x, targets: y, loss: .meanSquaredError, regularization: regularization)
        let result = evaluator.objective(model, inputs: x, targets: y, loss: .meanSquaredError, regularization: regularization)
        let outputs = evaluator.forward(model, inputs: x, statistics: true).values
        return (outputs, evaluator.activationScales(model), result.gradient, evaluator.fusedPasses)
    }

    /// How many entries of `a` and `b` differ in any bit (all of them when the counts differ).
    static func differences(_ a: [Double], _ b: [Double]) -> Int {
        a.count == b.count ? zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count : max(a.count, b.count)
    }

    @Test("fused passes give the layer-by-layer passes' outputs, statistics and gradients bit for bit")
    func sameAsLayerByLayer() throws {
        let (x, y) = GradientTests.data(rows: Self.rows, inputs: 3, outputs: 1, seed: 9)
        for (name, model) in try Self.models() {
            for regularization in [Regularization.none, Regularization(lamb: 0.01)] {
                let fused = Self.evaluate(model, fused: true, x: x, y: y, regularization: regularization)
                let layered = Self.evaluate(model, fused: false, x: x, y: y, regularization: regularization)
                #expect(layered.fusedPasses == 0)
                // Two objectives (forward and backward each) and a forward; a symbolic edge keeps the backward passes apart.
                #expect(fused.fusedPasses == (name == "a symbolic edge" ? 3 : 5), "\(name)")
                #expect(Self.differences(fused.outputs, layered.outputs) == 0, "\(name)")
                #expect(Self.differences(fused.scales.flatMap { $0 }, layered.scales.flatMap { $0 }) == 0, "\(name)")
                #expect(Self.differences(fused.gradient, layered.gradient) == 0, "\(name), lamb \(regularization.lamb)")
            }
        }
    }

    @Test("fused gradients match finite differences, regularised, with a multiplication node and trained node maps")
    func finiteDifferences() throws {
        let (x, y) = GradientTests.data(rows: Self.rows, inputs: 3, outputs: 1, seed: 10)
        let model = try Self.models()[1].1
        try GradientTests.check(model: model, inputs: x, targets: y, loss: .meanSquaredError, regularization: Regularization(lamb: 0.01))
    }
}
