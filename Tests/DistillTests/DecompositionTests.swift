import Datasets
@testable import Distill
import Fitting
import Foundation
import Optimization
import Symbolic
import Testing
import TestSupport

/// The decomposition trial's parts, asked of exact functions (no surrogate) so each answer can be checked, then the
/// whole trial with its KAN surrogate.
@Suite("Decomposition: structure tests, curve solver, decomposer")
struct DecompositionTests {
    /// A subproblem of `law` over `variables`, evaluated exactly, on seeded rows uniform in `ranges`.
    static func problem(_ law: String, variables: [String], ranges: [ClosedRange<Double>]) throws -> Subproblem {
        let compiled = try Expr(parsing: law).compiled(variables: variables)
        var random = SeededRandom(seed: 3)
        let rows = (0..<400).map { _ in ranges.map { random.uniform($0.lowerBound, $0.upperBound) } }
        return Subproblem(inputs: variables.indices.map { Subproblem.Input.variable($0, name: variables[$0]) },
                          evaluate: { $0.map { (try? compiled($0)) ?? .nan } }, rows: rows, ranges: ranges)
    }

    static func tests(_ problem: Subproblem) throws -> StructureTests {
        var random = SeededRandom(seed: 1)
        return try #require(StructureTests(problem, random: &random))
    }

    @Test("separability: a product and a sum split off, a shifted product after its shift is found, a coupled pair does not")
    func separability() throws {
        let product = try Self.tests(Self.problem("-m*B*cos(t)", variables: ["m", "B", "t"], ranges: [1...5, 1...5, 1...5]))
        for input in 0..<3 { #expect(product.multiplicativeResidual(input, estimateShift: false).residual < 1e-9) }
        #expect(product.additiveResidual(2) > 0.05)

        let sum = try Self.tests(Self.problem("x + sin(y)", variables: ["x", "y"], ranges: [1...3, 1...3]))
        #expect(sum.additiveResidual(0) < 1e-9)
        #expect(sum.multiplicativeResidual(0, estimateShift: false).residual > 0.02)

        let shifted = try Self.tests(Self.problem("3 + a*cos(t)", variables: ["a", "t"], ranges: [1...5, 1...5]))
        #expect(shifted.multiplicativeResidual(0, estimateShift: false).residual > 0.05)
        let (residual, shift) = shifted.multiplicativeResidual(0, estimateShift: true)
        #expect(residual < 1e-9)
        #expect(abs(shift - 3) < 1e-9)

        let coupled = try Self.tests(Self.problem("sin(x*y)", variables: ["x", "y"], ranges: [1...2, 1...2]))
        #expect(coupled.additiveResidual(0) > 0.05)
        #expect(coupled.multiplicativeResidual(0, estimateShift: false).residual > 0.05)
    }

    @Test("symmetry: a function of v/c passes the ratio test only; of k*d the product test only")
    func symmetry() throws {
        var random = SeededRandom(seed: 2)
        let ratio = try Self.tests(Self.problem("1/sqrt(1 - (v/c)^2)", variables: ["v", "c"], ranges: [1...2, 3...10]))
        #expect(ratio.symmetryResidual(0, 1, .ratio, random: &random) < 1e-9)
        for other in [Symmetry.product, .sum, .difference] { #expect(ratio.symmetryResidual(0, 1, other, random: &random) > 0.01) }
        let product = try Self.tests(Self.problem("cos(k*d)", variables: ["k", "d"], ranges: [1...2, 1...2]))
        #expect(product.symmetryResidual(0, 1, .product, random: &random) < 1e-9)
        #expect(product.symmetryResidual(0, 1, .ratio, random: &random) > 0.01)
    }

    @Test("the curve solver finds 1/sqrt(1 - u^2) through y -> 1/y^2, and a line as the simplest fit")
    func curves() throws {
        let solver = CurveSolver(library: FittableLibrary(try DiscoveryOptions.defaultLibrary()))
        let u = (0..<200).map { 0.1 + 0.57 * Double($0) / 199 }
        let formulas = solver.solve(u: u, y: u.map { 1 / (1 - $0 * $0).squareRoot() }, input: .variable("w"))
        let exact = try formulas.contains { formula in
            let compiled = try formula.compiledFunction(of: "w")
            return try u.allSatisfy { abs(try compiled($0) - 1 / (1 - $0 * $0).squareRoot()) < 1e-8 }
        }
        #expect(exact, "\(formulas)")
        let line = solver.solve(u: u, y: u.map { 2 * $0 - 1 }, input: .variable("w"))
        #expect(line.first.map { DiscoveryCandidate.complexity(of: $0) } ?? 99 <= 5, "\(line)")
    }

    @Test("the decomposer, given exact values, splits m0/sqrt(1 - v^2/c^2) and beta*(1 + alpha*cos(theta)) into laws that polish to the truth",
          arguments: [("m0/sqrt(1 - v^2/c^2)", ["m0", "v", "c"], [1.0...5, 1...2, 3...10]),
                      ("beta*(1 + alpha*cos(theta))", ["beta", "alpha", "theta"], [1.0...5, 1...5, 1...5])])
    func decomposer(law: String, variables: [String], ranges: [ClosedRange<Double>]) throws {
        let truth = try Expr(parsing: law)
        let problem = try Self.problem(law, variables: variables, ranges: ranges)
        let decomposer = Decomposer(curves: CurveSolver(library: FittableLibrary(try DiscoveryOptions.defaultLibrary())),
                                    noise: 0, deadline: Deadline(after: 600))
        var random = SeededRandom(seed: 0)
        let formulas = try decomposer.solve(problem, variables: variables, random: &random)
        let data = try DiscoveryData(Dataset(expression: truth, variables: variables, ranges: ranges, trainCount: 1000, testCount: 200, seed: 5))
        let check = RecoveryCheck(variables: variables, ranges: ranges)
        let recovered = formulas.contains { formula in
            let polished = Discoverer.polish(formula, data: data, origin: "test", deadline: Deadline(after: 600)) ?? []
            return polished.contains { check.verdict(found: $0.formula, truth: truth).recovered }
        }
        #expect(recovered, "\(formulas)")
    }

    @Test("the decomposition trial with its KAN surrogate recovers arcsin(n*sin(theta)) exactly")
    func trial() throws {
        let law = try Expr(parsing: "asin(n*sin(theta))")
        let dataset = try Dataset(expression: law, variables: ["n", "theta"], ranges: [0...1, 1...5], trainCount: 2000, testCount: 500, seed: 4)
        let result = try Discoverer.discover(dataset, options: DiscoveryOptions(timeLimit: 120, library: try DiscoveryOptions.defaultLibrary(),
                                                                                trials: [.decomposition(seed: 0)], threads: 1))
        let chosen = try #require(result.chosen)
        let verdict = RecoveryCheck(variables: ["n", "theta"], ranges: [0...1, 1...5]).verdict(found: chosen.formula, truth: law)
        #expect(verdict.recovered, "\(chosen.formula)")
    }
}
