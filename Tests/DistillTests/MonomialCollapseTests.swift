import Datasets
@testable import Distill
import Foundation
import Symbolic
import Testing

/// The collapse search on sampled laws (its roughness, the prefactor and combination it finds, and what it must not
/// find), then the whole trial on a law that oscillates over several periods.
@Suite("Monomial collapse: one combination of the inputs")
struct MonomialCollapseTests {
    /// The fitting rows of `law` sampled uniformly in `ranges` (1,500 rows, as discovery fits on).
    static func data(_ law: String, variables: [String], ranges: [ClosedRange<Double>]) throws -> DiscoveryData {
        try DiscoveryData(Dataset(expression: try Expr(parsing: law), variables: variables, ranges: ranges, trainCount: 2500,
                                  testCount: 100, seed: 7))
    }

    @Test("finds U*F(k*d) and F(theta/sigma)/sigma with their prefactors, and no collapse where there is none",
          arguments: [("2*U*(1 - cos(k*d))", ["U", "k", "d"], [1.0...5, 1...5, 1...5], [-1, 0, 0], [0, 1, 1]),
                      ("exp(-(theta/sigma)^2/2)/(sqrt(2*pi)*sigma)", ["sigma", "theta"], [1.0...3, 1...3], [1, 0], [1, -1]),
                      ("(u + v)/(1 + u*v/c^2)", ["c", "v", "u"], [1.0...5, 1...5, 1...5], nil, nil),
                      ("I1 + I2 + 2*sqrt(I1*I2)*cos(delta)", ["I1", "I2", "delta"], [1.0...5, 1...5, 1...5], nil, nil)])
    func search(law: String, variables: [String], ranges: [ClosedRange<Double>], prefactor: [Int]?, combination: [Int]?) throws {
        let data = try Self.data(law, variables: variables, ranges: ranges)
        let found = MonomialCollapse.search(rows: data.fitRows, targets: data.fitTargets)
        guard let prefactor, let combination else {
            #expect(found.isEmpty, "\(found)")
            return
        }
        let best = try #require(found.first)
        #expect(best.prefactor == prefactor && best.combination == combination, "\(found)")
        #expect(best.roughness < 0.01)
    }

    @Test("a prefactor that is a power of the combination is written without it; a constant has no roughness")
    func canonicalForm() {
        #expect(MonomialCollapse.canonical([-1, -2, -2], modulo: [0, 1, 1]) == [-1, 0, 0])
        #expect(MonomialCollapse.canonical([1, 1, -1], modulo: [1, 1, -1]) == [0, 0, 0])
        #expect(MonomialCollapse.simplest([-1, 0], modulo: [1, -1]) == [[0, -1], [-1, 0]])
        #expect(MonomialCollapse.roughness(z: [1, 2, 3, 4], w: [5, 5, 5, 5]) == 0)
        #expect(MonomialCollapse.roughness(z: [1, 2, 3, 4, 5], w: [1, 4, 9, 16, 25]) > 0)
    }

    @Test("the collapse trial recovers sin(2*pi*E_n*t/h)^2 (seven periods over the data) and x*sin(y/x) exactly",
          arguments: [("sin(E_n*t/(h/(2*pi)))^2", ["E_n", "t", "h"], [1.0...2, 1...2, 1...4]),
                      // Needs the prefactor 1/x (not the equivalent 1/y) and y/x (not x/y) to leave sin's argument affine.
                      ("x*sin(y/x)", ["x", "y"], [1.0...3, 1...3])])
    func trial(law text: String, variables: [String], ranges: [ClosedRange<Double>]) throws {
        let law = try Expr(parsing: text)
        let dataset = try Dataset(expression: law, variables: variables, ranges: ranges, trainCount: 2500, testCount: 500, seed: 4)
        let result = try Discoverer.discover(dataset, options: DiscoveryOptions(timeLimit: 120, library: try DiscoveryOptions.defaultLibrary(),
                                                                                trials: [.collapse], threads: 1))
        let chosen = try #require(result.chosen)
        #expect(RecoveryCheck(variables: variables, ranges: ranges).verdict(found: chosen.formula, truth: law).recovered, "\(chosen.formula)")
    }
}
