import Datasets
import Symbolic
import Testing

/// A dataset sampled from a formula names its target `y`, or a name no input has: a saved result must not list its
/// target among its inputs (`kan discover --function 'x*y' --save r.json` was refused by `kan predict`).
@Suite("The target name of sampled data")
struct FormulaTargetNameTests {
    @Test("y, unless an input is y, then y_1, unless that is taken too", arguments: [
        ("x1*x2", "y"), ("x*y", "y_1"), ("y + y_1*x", "y_2"),
    ])
    func name(formula: String, target: String) throws {
        let data = try Dataset(expression: try Expr(parsing: formula), trainCount: 20, testCount: 10, seed: 0)
        #expect(data.outputNames == [target])
        #expect(!data.inputNames.contains(target))
    }
}
