import Datasets
import Foundation
@testable import KAN
import Optimization
import Symbolic
import Testing
import TestSupport

/// Edges fixed to library functions: they train, survive checkpoints and refinement, and return to splines.
@Suite("Symbolic edges")
struct SymbolicEdgeTests {
    static let data = try! Dataset(expression: try! Expr(parsing: "x1^2 + sin(x2)"), trainCount: 200, testCount: 50, seed: 1)

    @Test("symbolic edges train: gradients of a, b, c, d and through them match finite differences")
    func symbolicGradients() throws {
        var model = try KANModel(width: [2, 2, 1], grid: 4, k: 3, seed: 1)
        let library = try FunctionLibrary.standard()
        try model.fixSymbolic(EdgeID(layer: 0, input: 0, output: 1), function: try library.function(named: "sin"),
                              constants: .init(a: 1.3, b: 0.2, c: 0.7, d: -0.1))
        try model.fixSymbolic(EdgeID(layer: 1, input: 1, output: 0), function: try library.function(named: "x^2"),
                              constants: .init(a: 0.8, b: -0.3, c: 1.1, d: 0.05))
        var random = SeededRandom(seed: 2)
        let x = Matrix(rows: 15, columns: 2, values: (0..<30).map { _ in random.uniform(-1, 1) })
        let y = Matrix(rows: 15, columns: 1, values: (0..<15).map { _ in random.uniform(-1, 1) })
        let analytic = try model.lossAndGradient(inputs: x, targets: y).gradient
        let parameters = model.parameterVector()
        for index in parameters.indices {
            func loss(_ shift: Double) throws -> Double {
                var shifted = model
                var vector = parameters
                vector[index] += shift
                shifted.setParameterVector(vector)
                return try shifted.loss(inputs: x, targets: y)
            }
            let numeric = (try loss(1e-6) - loss(-1e-6)) / 2e-6
            #expect(abs(numeric - analytic[index]) <= 1e-6 * max(1e-3, abs(numeric)) + 1e-9, "parameter \(index)")
        }
    }

    @Test("symbolic edges survive a checkpoint (function, domain, constants); unfixing restores the spline")
    func checkpoint() throws {
        var model = try KANModel(width: [1, 1], grid: 3, k: 3, seed: 0)
        let edge = EdgeID(layer: 0, input: 0, output: 0)
        try model.fixSymbolic(edge, function: try FunctionLibrary.standard().function(named: "sqrt"),
                              constants: .init(a: 2, b: 3, c: 1, d: 0))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-sym-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(model: model).save(to: url)
        let loaded = try Checkpoint.load(from: url).model
        #expect(loaded == model)
        #expect(loaded.symbolic(edge)?.function.domain.map(\.description) == ["x >= 0"])
        #expect(loaded.symbolic(edge)?.expression(of: .variable("x")).simplified().description == "sqrt(2*x + 3)")
        expectClose(try loaded(Matrix([[0.5]]))[0, 0], 2, tolerance: 1e-12)
        var unfixed = loaded
        try unfixed.unfixSymbolic(edge)
        #expect(unfixed.layers[0].mask == [1] && unfixed.layers[0].symbolic == [nil])
        #expect(unfixed.splineEdges == [edge])
    }

    @Test("a checkpoint of the earlier form (no domain or spellings) still loads; a definition that does not parse is named")
    func olderAndCorruptSymbolicEdges() throws {
        var model = try KANModel(width: [1, 1], grid: 3, k: 3, seed: 0)
        try model.fixSymbolic(EdgeID(layer: 0, input: 0, output: 0), function: try FunctionLibrary.standard().function(named: "tanh"),
                              constants: .init(a: 2, b: 0, c: 1, d: 0))
        let encoder = JSONEncoder()
        var json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(Checkpoint(model: model))) as? [String: Any])
        func editEdge(_ change: (inout [String: Any]) -> Void) throws -> URL {
            var modelJSON = json["model"] as! [String: Any]
            var layers = modelJSON["layers"] as! [[String: Any]]
            var symbolic = layers[0]["symbolic"] as! [[String: Any]]
            change(&symbolic[0])
            layers[0]["symbolic"] = symbolic
            modelJSON["layers"] = layers
            json["model"] = modelJSON
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-sym-\(UUID().uuidString).json")
            try JSONSerialization.data(withJSONObject: json).write(to: url)
            return url
        }
        let older = try editEdge { edge in for key in ["domain", "latex", "swift"] { edge[key] = nil } }
        defer { try? FileManager.default.removeItem(at: older) }
        #expect(try Checkpoint.load(from: older).model(Matrix([[0.25]])) == model(Matrix([[0.25]])))
        let corrupt = try editEdge { edge in edge["definition"] = "tanh(x" }
        defer { try? FileManager.default.removeItem(at: corrupt) }
        #expect {
            try Checkpoint.load(from: corrupt)
        } throws: { error in
            "\(error)".contains("'tanh(x' does not parse") && "\(error)".contains("symbolic")
        }
    }

    @Test("refining keeps fixed edges")
    func refineKeepsSymbolicEdges() throws {
        var model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 0)
        try model.fixSymbolic(EdgeID(layer: 0, input: 0, output: 0), function: try FunctionLibrary.standard().function(named: "x^2"),
                              constants: .init(a: 1, b: 0, c: 1, d: 0))
        let fine = try model.refined(grid: 6, samples: Self.data.trainInputs)
        #expect(fine.layers[0].symbolic[0]?.name == "x^2")
        let before = try model(Self.data.testInputs), after = try fine(Self.data.testInputs)
        for (a, b) in zip(before.values, after.values) { #expect(abs(a - b) < 1e-6) }
    }

    @Test("an edge that does not exist is an error naming it and the width")
    func noSuchEdge() throws {
        var model = try KANModel(width: [2, 3, 1], grid: 3, k: 3, seed: 0)
        let sin = try FunctionLibrary.standard().function(named: "sin")
        #expect(throws: KANError.noSuchEdge(EdgeID(layer: 0, input: 2, output: 0), width: [2, 3, 1])) {
            try model.fixSymbolic(EdgeID(layer: 0, input: 2, output: 0), function: sin, constants: .init(a: 1, b: 0, c: 1, d: 0))
        }
        #expect(throws: KANError.self) { try model.unfixSymbolic(EdgeID(layer: 2, input: 0, output: 0)) }
        #expect(model.edges.count == 9 && model.edges.last == EdgeID(layer: 1, input: 2, output: 0))
    }
}
