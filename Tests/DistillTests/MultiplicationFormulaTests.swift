import Distill
import Foundation
import KAN
import Optimization
import Symbolic
import Testing
import TestSupport

/// `symbolicFormula` with multiplication nodes of any arity, checked by SymPy.
@Suite("Formulas with multiplication nodes")
struct MultiplicationFormulaTests {
    /// A model `[n, [1, 1], 1]` whose multiplication node has arity `arity`; every edge fixed: input i feeds subnode
    /// i (the sum node's subnode is 0, the product's follow) through `names[i]` with `c = i + 1`, the others 0;
    /// the output edges are `2*x` (sum node) and `x` (product), with node scales and biases off the identity.
    static func model(arity: Int) throws -> (KANModel, [String]) {
        let inputs = arity + 1
        var model = try KANModel(KANConfiguration(width: [inputs, 2, 1], grid: 3, order: 3, multArity: [[], [arity], []]))
        let library = try FunctionLibrary.standard()
        let names = ["sin", "x^2", "exp", "x", "cos"]
        for i in 0..<inputs {
            for o in 0..<inputs {
                try model.fixSymbolic(EdgeID(layer: 0, input: i, output: o), function: try library.function(named: names[i]),
                                      constants: .init(a: 1, b: names[i] == "exp" ? 0 : 0.5 * Double(i), c: i == o ? Double(i + 1) : 0, d: 0))
            }
        }
        try model.fixSymbolic(EdgeID(layer: 1, input: 0, output: 0), function: try library.function(named: "x"), constants: .init(a: 1, b: 0, c: 2, d: 0))
        try model.fixSymbolic(EdgeID(layer: 1, input: 1, output: 0), function: try library.function(named: "x"), constants: .init(a: 1, b: 0, c: 1, d: 0))
        model.layers[0].subnodeBias[1] = 0.25
        model.layers[0].nodeScale[1] = 3
        model.layers[0].nodeBias[0] = -1
        return (model, (1...inputs).map { "x\($0)" })
    }

    @Test("arity 3 and 4: the formula is the product of the subnodes, as SymPy confirms, and computes what the model does",
          arguments: [3, 4])
    func arity(_ arity: Int) throws {
        let (model, variables) = try Self.model(arity: arity)
        let formula = try model.symbolicFormula(variables: variables)[0].simplified()
        // By hand: sum node 2*(sin(x1) - 1); product node 3*(2*(x2 + 0.5)^2 + 0.25)*3*exp(x3)*4*(x4 + 1.5)[*5*cos(x5 + 2)].
        let factors = ["(2*(x2 + 1/2)**2 + 1/4)", "3*exp(x3)", "4*(x4 + 3/2)", "5*cos(x5 + 2)"].prefix(arity)
        let truth = "2*(sin(x1) - 1) + 3*" + factors.joined(separator: "*")
        let script = """
            import sympy as s
            x1, x2, x3, x4, x5 = s.symbols('x1 x2 x3 x4 x5')
            print(s.simplify(s.nsimplify(s.sympify('\(PlainTextPrinter().print(formula))'), rational=True) - s.sympify('\(truth)')))
            """
        let python = try #require(executableOnPath("python3"))
        let result = try runProcess(python, ["-c", script])
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(formula): \(result.standardOutput) \(result.standardError)")
        let point = (0..<variables.count).map { 0.3 + 0.1 * Double($0) }
        expectClose(try formula.evaluate(at: Dictionary(uniqueKeysWithValues: zip(variables, point))), try model(Matrix([point]))[0, 0], tolerance: 1e-12)
    }
}
