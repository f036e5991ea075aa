@testable import Distill
import Datasets
import Foundation
import Optimization
import Symbolic
import Testing

/// An odd function whose argument stays small on the data is its argument there: discovery also tries the formula
/// without it, so noise fitted by the function's curvature does not decide the law.
@Suite("Functions in their linear regime")
struct LinearizationTests {
    static let rows = stride(from: 1.0, through: 5.0, by: 0.25).map { [$0, 6 - $0] }

    @Test("sin, tan, tanh, arcsin, arctan, arctanh of small arguments become the arguments; larger ones stay")
    func rewrite() throws {
        for function in ["sin", "tan", "tanh", "asin", "atan", "atanh"] {
            let formula = try Expr(parsing: "46*\(function)(0.0035*h*w) + 2")
            let linear = try #require(formula.linearizingSmallArguments(variables: ["h", "w"], rows: Self.rows), "\(function)")
            #expect(linear == (try Expr(parsing: "0.161*h*w + 2").simplified()), "\(function): \(linear)")
        }
        // 0.1*h*w reaches 0.9 on these rows: not the linear regime.
        #expect(try Expr(parsing: "46*sin(0.1*h*w)").linearizingSmallArguments(variables: ["h", "w"], rows: Self.rows) == nil)
        // cos and exp are not their arguments near 0.
        #expect(try Expr(parsing: "cos(0.001*h) + exp(0.001*w)").linearizingSmallArguments(variables: ["h", "w"], rows: Self.rows) == nil)
        // Only the small one of two goes.
        let mixed = try #require(try Expr(parsing: "sin(0.01*h) + sin(h)").linearizingSmallArguments(variables: ["h", "w"], rows: Self.rows))
        #expect(mixed == (try Expr(parsing: "0.01*h + sin(h)").simplified()), "\(mixed)")
    }

    @Test("at 1% noise, polishing c*sin(a*h*w) with a small gives the plain law, as a snap gives an exact constant")
    func polishGivesTheLaw() throws {
        var random = SeededRandom(seed: 5)
        let inputs = (0..<1000).map { _ in [random.uniform(1, 5), random.uniform(1, 5)] }
        let targets = inputs.map { $0[0] * $0[1] / (2 * Double.pi) * (1 + 0.01 * random.normal()) }
        let dataset = try Dataset(trainInputs: Matrix(Array(inputs[..<800])), trainLabels: Matrix(targets[..<800].map { [$0] }),
                                  testInputs: Matrix(Array(inputs[800...])), testLabels: Matrix(targets[800...].map { [$0] }),
                                  inputNames: ["h", "w"], outputNames: ["E"])
        let data = try DiscoveryData(dataset)
        let found = try #require(Discoverer.polish(try Expr(parsing: "46*sin(0.00346*h*w)"), data: data, origin: "test",
                                                   deadline: Deadline(after: 30)))
        #expect(found.map(\.formula) == [try Expr(parsing: "h*w/(2*pi)").simplified()], "\(found.map(\.formula))")
        #expect(found.first?.origin == "test, linearised")
    }

    @Test("a sine whose curvature the data show stays: sin(0.3*x) on noise-free data")
    func curvatureKept() throws {
        let dataset = try Dataset(expression: try Expr(parsing: "2*sin(0.3*x)"), variables: ["x"], ranges: [-1...1],
                                  trainCount: 500, testCount: 100, seed: 1)
        let data = try DiscoveryData(dataset)
        let found = try #require(Discoverer.polish(try Expr(parsing: "2*sin(0.3*x)"), data: data, origin: "test", deadline: Deadline(after: 30)))
        #expect(found.map(\.formula) == [try Expr(parsing: "2*sin(0.3*x)").simplified()], "\(found.map(\.formula))")
    }
}
