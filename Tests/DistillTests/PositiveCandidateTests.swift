@testable import Distill
import Datasets
import Symbolic
import Testing

/// Discovery writes a candidate as the plain law where the data show its variables positive, and says so.
@Suite("Candidates under positive inputs")
struct PositiveCandidateTests {
    static func data(ranges: [ClosedRange<Double>]) throws -> DiscoveryData {
        let truth = try Expr(parsing: "q1/(4*pi*epsilon*r**2)")
        return try DiscoveryData(Dataset(expression: truth, variables: ["q1", "epsilon", "r"], ranges: ranges,
                                         trainCount: 200, testCount: 50, seed: 3))
    }

    @Test("sqrt(q1^2/epsilon^2) is q1/epsilon where both are positive, and the candidate names them")
    func positive() throws {
        let data = try Self.data(ranges: [1...5, 1...5, 1...5])
        let found = try #require(Discoverer.candidate(try Expr(parsing: "sqrt(q1**2/epsilon**2)/(4*pi*r**2)"), data: data, origin: "test"))
        #expect(found.formula == (try Expr(parsing: "q1/(4*pi*epsilon*r**2)").simplified()), "\(found.formula)")
        #expect(found.assumedPositive == ["q1", "epsilon", "r"])
        #expect(found.isExact)
    }

    @Test("an input that takes negative values keeps its absolute value")
    func negative() throws {
        let data = try Self.data(ranges: [-5...(-1), 1...5, 1...5])
        let written = try Expr(parsing: "-sqrt(q1**2/epsilon**2)/(4*pi*r**2)")
        let found = try #require(Discoverer.candidate(written, data: data, origin: "test"))
        #expect(found.assumedPositive.isEmpty)
        #expect(found.formula.variables.contains("q1"))
        #expect(PlainTextPrinter().print(found.formula).contains("q1**2"), "\(found.formula)")
        #expect(found.isExact)
    }
}
