import Datasets
import Symbolic
import Testing

/// `Dataset.sampledVariables` widens a formula over `x1` ... `xN` to the inputs asked for, and refuses too few.
@Suite("Sampled variables")
struct SampledVariablesTests {
    @Test("natural names widen to the count; other names stay; fewer than the formula uses is nil")
    func variables() throws {
        #expect(Dataset.sampledVariables(of: try Expr(parsing: "x2^2"), count: 3) == ["x1", "x2", "x3"])
        #expect(Dataset.sampledVariables(of: try Expr(parsing: "x1*x2"), count: 2) == ["x1", "x2"])
        #expect(Dataset.sampledVariables(of: try Expr(parsing: "m*g*z"), count: 4) == ["g", "m", "z"])
        #expect(Dataset.sampledVariables(of: try Expr(parsing: "x1*x2"), count: 1) == nil)
    }
}
