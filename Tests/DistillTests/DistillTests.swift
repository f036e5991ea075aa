import Datasets
import Distill
import Fitting
import Foundation
import KAN
import Optimization
import Symbolic
import Testing
import TestSupport

@Suite("Distillation")
struct DistillTests {
    @Test("HellokanFlow: its stages in order, pruned to [2,1,1], sin, x^2 and exp found, the formula exact, and SymPy agrees")
    func hellokanFlow() throws {
        let flow = try HellokanFlow()
        var stages: [HellokanFlow.Stage] = []
        var widths: [[Int]] = []
        var grids: [Int] = []
        var errors: [Double] = []
        let outcome = try flow.run { stage, model in
            stages.append(stage)
            widths.append(model.width)
            grids.append(model.configuration.grid)
            errors.append(try flow.testRMSE(of: model))
        }
        #expect(stages == HellokanFlow.Stage.allCases)
        #expect(widths == [[2, 5, 1], [2, 1, 1], [2, 1, 1], [2, 1, 1], [2, 1, 1]] && grids == [5, 5, 5, 10, 10])
        #expect(errors[0] < 2e-2 && errors[3] < 1e-3 && errors[4] < 1e-6, "\(errors)")
        #expect(HellokanFlow.Stage.pruned.summary(of: outcome.model) == "pruned to [2, 1, 1]")
        #expect(outcome.training.testLoss.count == 50)
        let report = outcome.distillation
        #expect(report.fixingLines.map { $0.components(separatedBy: ",")[0...2].joined(separator: ",") }
                == ["fixing (0,0,0) with sin", "fixing (0,1,0) with x^2", "fixing (1,0,0) with exp"])
        #expect(report.formulaTestRMSE < 1e-6)
        #expect(report.formulasText(latex: true) == "formula: exp(x2**2 + sin(pi*x1))\nlatex: e^{x_{2}^{2} + \\sin{\\left(\\pi x_{1} \\right)}}\n")
        let formula = try #require(report.formulas.first)
        let truth = try Expr(parsing: HellokanFlow.formula)
        for row in 0..<20 {
            let point = ["x1": flow.data.testInputs[row, 0], "x2": flow.data.testInputs[row, 1]]
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

    @Test("fixSymbolic by name fits the function to the edge: sin(2x) learned by a [1,1] KAN comes back as sin, a = 2")
    func fixByName() throws {
        let data = try Dataset(expression: try Expr(parsing: "sin(2*x)"), variables: ["x"], ranges: [-1...1],
                               trainCount: 200, testCount: 100, seed: 3)
        var model = try KANModel(width: [1, 1], grid: 10, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 30))
        let library = try FunctionLibrary.standard()
        let edge = EdgeID(layer: 0, input: 0, output: 0)
        let fit = try model.fixSymbolic(edge, name: "sin", library: library, samples: data.trainInputs)
        #expect(fit.function.name == "sin" && fit.r2 > 0.9999, "r2 \(fit.r2)")
        expectClose(fit.constants.a, 2, tolerance: 1e-2)
        expectClose(fit.constants.c, 1, tolerance: 1e-2)
        #expect(abs(fit.constants.b) < 1e-2 && abs(fit.constants.d) < 1e-2, "\(fit.constants)")
        #expect(model.layers[0].symbolic[0]?.constants == fit.constants && model.splineEdges.isEmpty)
        #expect {
            try model.fixSymbolic(edge, name: "sinc", library: library, samples: data.trainInputs)
        } throws: { error in
            guard case DistillationError.unknownFunction(name: "sinc", _) = error else { return false }
            return true
        }
    }

    /// A [1,1] KAN trained on `target` over [-1, 1].
    static func trainedEdge(_ target: String, width: [Int] = [1, 1], variables: [String] = ["x"]) throws -> (KANModel, Dataset) {
        let data = try Dataset(expression: try Expr(parsing: target), variables: variables, ranges: [-1...1],
                               trainCount: 300, testCount: 100, seed: 4)
        var model = try KANModel(width: width, grid: 10, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 40))
        return (model, data)
    }

    @Test("suggestSymbolic on a parabola: x^2 first with r2 near 1, ranked by score; by r2 alone when weightSimple is 0")
    func suggestRanking() throws {
        let (model, data) = try Self.trainedEdge("0.5*x^2 - 0.2")
        let library = try FunctionLibrary.standard().subset(["x", "x^2", "x^3", "exp", "sin", "tanh"])
        let edge = EdgeID(layer: 0, input: 0, output: 0)
        let ranked = try model.suggestSymbolic(edge, library: library, samples: data.trainInputs, topK: 6)
        #expect(ranked.count == 6)
        #expect(ranked[0].fit.function.name == "x^2" && ranked[0].fit.r2 > 0.9999, "\(ranked.map { ($0.fit.function.name, $0.fit.r2) })")
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.score <= $1.score })
        // A straight line cannot follow an even curve.
        #expect(try #require(ranked.first { $0.fit.function.name == "x" }).fit.r2 < 0.05)
        let byR2 = try model.suggestSymbolic(edge, library: library, samples: data.trainInputs, weightSimple: 0, topK: 3)
        #expect(byR2.count == 3 && zip(byR2, byR2.dropFirst()).allSatisfy { $0.fit.r2 >= $1.fit.r2 })
        #expect(throws: DistillationError.self) {
            try model.suggestSymbolic(EdgeID(layer: 1, input: 0, output: 0), library: library, samples: data.trainInputs)
        }
    }

    @Test("autoSymbolic: each live edge gets the best suggestion, a pruned edge 0, and a high r2 threshold keeps splines")
    func autoSymbolicChoices() throws {
        let (trained, data) = try Self.trainedEdge("sin(pi*x1) + x2^2", width: [3, 1], variables: ["x1", "x2", "x3"])
        var model = trained
        let pruned = EdgeID(layer: 0, input: 2, output: 0)
        model.layers[0].mask[model.layers[0].edgeIndex(input: 2, output: 0)] = 0
        let library = try FunctionLibrary.standard().subset(["x", "x^2", "exp", "sin", "tanh"])
        let expected = try [0, 1].map { i in
            try model.suggestSymbolic(EdgeID(layer: 0, input: i, output: 0), library: library, samples: data.trainInputs, topK: 1)[0].fit
        }
        var threshold = model
        let kept = try threshold.autoSymbolic(library: library, samples: data.trainInputs, r2Threshold: 1.01)
        #expect(kept.filter { $0.hasPrefix("keeping") }.count == 2 && threshold.splineEdges.count == 2)
        var lines: [String] = []
        try model.autoSymbolic(library: library, samples: data.trainInputs) { lines.append($0) }
        #expect(lines.map { $0.components(separatedBy: ",")[0...2].joined(separator: ",") }
                == ["fixing (0,0,0) with sin", "fixing (0,1,0) with x^2", "fixing (0,2,0) with 0"])
        for (i, fit) in expected.enumerated() {
            #expect(model.symbolic(EdgeID(layer: 0, input: i, output: 0))?.constants == fit.constants)
        }
        #expect(model.symbolic(pruned)?.name == "0" && model.splineEdges.isEmpty)
        let formula = try model.symbolicFormula(variables: ["x1", "x2", "x3"])[0]
        // The formula is what the fixed model computes.
        let point = ["x1": 0.3, "x2": -0.6, "x3": 0.9]
        expectClose(try formula.evaluate(at: point), try model(Matrix([[0.3, -0.6, 0.9]]))[0, 0], tolerance: 1e-12)
    }

    @Test("symbolicFormula refuses spline edges and a wrong number of variable names")
    func formulaNeedsSymbolicEdges() throws {
        let model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 0)
        #expect {
            try model.symbolicFormula(variables: ["a", "b"])
        } throws: { error in "\(error)".contains("edge (0,0,0) is still a spline") }
        #expect {
            try model.symbolicFormula(variables: ["a"])
        } throws: { error in "\(error)" == "1 variable names for 2 inputs" }
    }

    @Test("distillation refuses digits outside 1...15; odd column names become variable names")
    func distillOptions() throws {
        var model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 0)
        let data = try Dataset(expression: try Expr(parsing: "x1^2 + sin(x2)"), trainCount: 200, testCount: 50, seed: 1)
        let library = try FunctionLibrary.standard().subset(["x", "x^2"])
        #expect(throws: DistillationError.self) {
            try Distiller.distill(&model, data: data, options: DistillOptions(library: library, significantDigits: 16))
        }
        #expect(ExpressionParser.variableName("max-hr") == "max_hr")
        #expect(ExpressionParser.variableName("2nd") == "_2nd")
        #expect(SwiftCodePrinter().printFunction(try Expr(parsing: "x"), parameters: ["x"]).contains("_ x: Double"))
    }
}
