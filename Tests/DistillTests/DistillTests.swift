import Distill
import Foundation
@testable import KAN
import Symbolic
import Testing
import TestSupport

@Suite("Distillation")
struct DistillTests {
    static let hellokan = try! Dataset(expression: try! Expr(parsing: "exp(sin(pi*x1) + x2^2)"), trainCount: 1000, testCount: 1000, seed: 0)

    /// The demo's flow: train with sparsity, prune, retrain, refine, distill.
    static func distilledHellokan() throws -> (KANModel, DistillationReport) {
        let data = hellokan
        var model = try KANModel(width: [2, 5, 1], grid: 5, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 50, regularization: Regularization(lamb: 0.001)))
        model = try model.pruned(samples: data.trainInputs)
        try model.fit(data, options: FitOptions(steps: 50))
        model = try model.refined(grid: 10, samples: data.trainInputs)
        try model.fit(data, options: FitOptions(steps: 50))
        let library = try FunctionLibrary.standard().subset(["x", "x^2", "x^3", "x^4", "exp", "log", "sqrt", "tanh", "sin", "abs"])
        let report = try Distiller.distill(&model, data: data, options: DistillOptions(library: library))
        return (model, report)
    }

    @Test("hellokan: pruned to [2,1,1], sin, x^2 and exp found, the formula exact, and SymPy agrees")
    func hellokanFormula() throws {
        let (model, report) = try Self.distilledHellokan()
        #expect(model.width == [2, 1, 1])
        #expect(report.fixingLines.map { $0.components(separatedBy: ",")[0...2].joined(separator: ",") }
                == ["fixing (0,0,0) with sin", "fixing (0,1,0) with x^2", "fixing (1,0,0) with exp"])
        #expect(report.formulaTestRMSE < 1e-6)
        let formula = try #require(report.formulas.first)
        let truth = try Expr(parsing: "exp(sin(pi*x1) + x2^2)")
        for row in 0..<20 {
            let point = ["x1": Self.hellokan.testInputs[row, 0], "x2": Self.hellokan.testInputs[row, 1]]
            expectClose(try formula.evaluate(at: point), try truth.evaluate(at: point), tolerance: 1e-9)
        }
        // SymPy, independently: the printed formula minus the truth simplifies to 0.
        let script = "import sympy as s; x1, x2 = s.symbols('x1 x2'); print(s.simplify(s.sympify('\(formula)') - (s.exp(s.sin(s.pi*x1) + x2**2))))"
        let python = try #require(executableOnPath("python3"))
        let result = try runProcess(python, ["-c", script])
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(formula): \(result.standardOutput) \(result.standardError)")
    }

    @Test("the exported Swift file compiles and computes the formula")
    func swiftExport() throws {
        let formula = try Expr(parsing: "exp(x2^2 + sin(pi*x1))")
        let source = FormulaExport.swiftFile(formulas: [formula], variables: ["x1", "x2"], names: ["y"], testRMSE: 1e-12)
        #expect(source.contains("/// y = exp(x2**2 + sin(pi*x1))"))
        let output = try compileAndRunSwift(source + "\nprint(y(0.25, -0.5))\n")
        expectClose(Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan, exp(sin(Double.pi * 0.25) + 0.25))
    }

    @Test("symbolic edges train: gradients of a, b, c, d and through them match finite differences")
    func symbolicGradients() throws {
        var model = try KANModel(width: [2, 2, 1], grid: 4, k: 3, seed: 1)
        let library = try FunctionLibrary.standard()
        try model.fixSymbolic(layer: 0, input: 0, output: 1, function: try library.function(named: "sin"),
                              constants: .init(a: 1.3, b: 0.2, c: 0.7, d: -0.1))
        try model.fixSymbolic(layer: 1, input: 1, output: 0, function: try library.function(named: "x^2"),
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

    @Test("fixSymbolic by name fits the function to the edge: sin(2x) learned by a [1,1] KAN comes back as sin, a = 2")
    func fixByName() throws {
        let data = try Dataset(expression: try Expr(parsing: "sin(2*x)"), variables: ["x"], ranges: [-1...1],
                               trainCount: 200, testCount: 100, seed: 3)
        var model = try KANModel(width: [1, 1], grid: 10, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 30))
        let library = try FunctionLibrary.standard()
        let fit = try model.fixSymbolic(layer: 0, input: 0, output: 0, name: "sin", library: library, samples: data.trainInputs)
        #expect(fit.function == "sin" && fit.r2 > 0.9999, "r2 \(fit.r2)")
        expectClose(fit.constants.a, 2, tolerance: 1e-2)
        expectClose(fit.constants.c, 1, tolerance: 1e-2)
        #expect(abs(fit.constants.b) < 1e-2 && abs(fit.constants.d) < 1e-2, "\(fit.constants)")
        #expect(model.layers[0].symbolic[0]?.constants == fit.constants && model.splineEdges.isEmpty)
        #expect(throws: DistillationError.self) {
            try model.fixSymbolic(layer: 0, input: 0, output: 0, name: "sinc", library: library, samples: data.trainInputs)
        }
    }

    @Test("symbolic edges survive a checkpoint; unfixing restores the spline")
    func checkpoint() throws {
        var model = try KANModel(width: [1, 1], grid: 3, k: 3, seed: 0)
        try model.fixSymbolic(layer: 0, input: 0, output: 0, function: try FunctionLibrary.standard().function(named: "tanh"),
                              constants: .init(a: 2, b: 0, c: 1, d: 0))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-sym-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(model: model).save(to: url)
        let loaded = try Checkpoint.load(from: url).model
        #expect(loaded == model)
        #expect(try loaded.symbolicFormula(variables: ["x"])[0].simplified().description == "tanh(2*x)")
        var unfixed = loaded
        try unfixed.unfixSymbolic(layer: 0, input: 0, output: 0)
        #expect(unfixed.layers[0].mask == [1] && unfixed.layers[0].symbolic == [nil])
        #expect(throws: DistillationError.self) { try unfixed.symbolicFormula(variables: ["x"]) }
    }

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
}
