@testable import KAN
import Symbolic
import Testing

@Suite("Model description")
struct DescriptionTests {
    @Test("print(model) shows width, grid, k, parameter count and each layer's splines, pruned and fixed edges")
    func brief() throws {
        var model = try KANModel(width: [2, 3, 1], grid: 5, k: 3, seed: 0)
        try model.fixSymbolic(EdgeID(layer: 1, input: 2, output: 0), function: try FunctionLibrary.standard().function(named: "sin"),
                              constants: .init(a: 2, b: 0, c: 1, d: 0))
        model.layers[0].mask[model.layers[0].edgeIndex(input: 1, output: 1)] = 0
        #expect("\(model)" == """
            KANModel(width: [2, 3, 1], grid: 5, k: 3, base: silu, parameters: \(model.parameterCount))
              layer 0: 2 -> 3, 5 splines, 1 pruned
              layer 1: 3 -> 1, 2 splines, 1 fixed: (2,0) sin
            """)
        #expect("\(model.symbolic(EdgeID(layer: 1, input: 2, output: 0))!)" == "sin(2*x)")
        #expect("\(model)".count < 300, "no arrays dumped")
    }
}
