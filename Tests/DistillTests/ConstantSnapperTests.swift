@testable import Distill
import Foundation
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
}
