@testable import Distill
import Foundation
import Optimization
import Symbolic
import Testing

@Suite("Constant snapping")
struct ConstantSnapperTests {
    @Test("candidates come simplest first: pi/2 before 11/7 near 1.5714, 1/2 before 6/12, integers before fractions")
    func order() throws {
        let nearHalfPi = ConstantSnapper.candidates(near: 1.5712, exponent: false).map(\.1)
        let pi = try #require(nearHalfPi.firstIndex(of: Expr.constant(0.5) * .named(.pi)))
        let eleventhSevenths = try #require(nearHalfPi.firstIndex(of: .constant(11.0 / 7)))
        #expect(pi < eleventhSevenths, "\(nearHalfPi)")
        let nearTwo = ConstantSnapper.candidates(near: 2.001, exponent: false).map(\.0)
        #expect(nearTwo.dropFirst().first == 2, "\(nearTwo)")
        #expect(ConstantSnapper.candidates(near: 0.4995, exponent: true).map(\.0).contains(0.5))
    }

    @Test("a phase fitted under noise snaps to pi/2, not to 11/7, when both are within tolerance")
    func phase() throws {
        let variables = ["t"]
        let rows = (0..<200).map { [1 + 4 * Double($0) / 199] }
        // Deterministic noise of 1% from a fixed sequence.
        let noise = rows.indices.map { 0.01 * sin(Double($0) * 12.9898) }
        let targets = zip(rows, noise).map { sin($0[0] - Double.pi / 2) + $1 }
        let fitted = try Expr(parsing: "sin(t - 1.5712)")
        let snapped = ConstantSnapper().snapped(fitted, variables: variables, rows: rows, targets: targets, fitRows: rows, fitTargets: targets)
        let accepted = [try Expr(parsing: "sin(t - pi/2)").simplified(), try Expr(parsing: "-cos(t)").simplified()]
        #expect(accepted.contains(snapped), "\(snapped)")
    }

    @Test("the constants of physics snap: 1/(4 pi) of Coulomb's law, 1/(2 pi) of h-bar, 1/sqrt(2 pi) of the normal law",
          arguments: [("0.07957747*q/r^2", "q/(4*pi*r^2)"), ("0.1591549*h*w", "h*w/(2*pi)"),
                      ("0.3989423*exp(-0.5*q^2)", "exp(-q^2/2)/sqrt(2*pi)"), ("2.506628*q", "sqrt(2*pi)*q")])
    func physicsConstants(fitted: String, law: String) throws {
        let variables = ["q", "r", "h", "w"]
        var random = SeededRandom(seed: 7)
        let rows = (0..<200).map { _ in (0..<4).map { _ in random.uniform(1, 5) } }
        let truth = try Expr(parsing: law).compiled(variables: variables)
        let targets = try rows.map { try truth($0) }
        let snapped = ConstantSnapper().snapped(try Expr(parsing: fitted), variables: variables, rows: rows, targets: targets,
                                                fitRows: rows, fitTargets: targets)
        let error = try zip(rows, targets).map { abs(try snapped.compiled(variables: variables)($0) - $1) / abs($1) }.max()!
        #expect(error < 1e-12, "\(snapped) is not \(law)")
    }

    @Test("under 1% noise, of two equally simple values within tolerance the more accurate wins: 1/sqrt(2 pi), not 2/5")
    func equallySimple() throws {
        let variables = ["theta", "sigma"]
        var random = SeededRandom(seed: 11)
        let rows = (0..<2000).map { _ in [random.uniform(1, 3), random.uniform(1, 3)] }
        let truth = try Expr(parsing: "exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)").compiled(variables: variables)
        let clean = try rows.map { try truth($0) }
        let rms = (clean.reduce(0) { $0 + $1 * $1 } / Double(clean.count)).squareRoot()
        let targets = clean.map { $0 + 0.01 * rms * random.normal() }
        let fitted = try Expr(parsing: "0.3995*exp(-0.5*(theta/sigma)**2)/sigma")
        let snapped = ConstantSnapper().snapped(fitted, variables: variables, rows: rows, targets: targets, fitRows: rows, fitTargets: targets)
        let law = try Expr(parsing: "exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)").simplified()
        #expect(snapped == law, "\(snapped)")
    }

    @Test("under 1% noise a constant does not snap further than its standard errors allow: 2.71 on 20,000 rows stays, not 8.5/pi or 19/7")
    func withinErrors() throws {
        let variables = ["x", "y"]
        var random = SeededRandom(seed: 5)
        let rows = (0..<20_000).map { _ in [random.uniform(1, 5), random.uniform(1, 5)] }
        let targets = rows.map { 2.71 * $0[0] * exp(-0.337 * $0[1]) * (1 + 0.01 * random.normal()) }
        let fitted = try Expr(parsing: "2.7104*x*exp(-0.3371*y)")
        let snapped = ConstantSnapper().snapped(fitted, variables: variables, rows: Array(rows[..<4000]), targets: Array(targets[..<4000]),
                                                fitRows: Array(rows[4000...]), fitTargets: Array(targets[4000...]))
        #expect(!PlainTextPrinter().print(snapped).contains("pi"), "\(snapped)")
        let scale = try snapped.compiled(variables: variables)([1, 0])
        #expect(abs(scale - 2.71) < 0.003, "\(snapped)")
    }
}
