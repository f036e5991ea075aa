@testable import Fitting
import Foundation
import Symbolic
import Testing
import TestSupport

/// Points sharing an x (a categorical column) are fitted merged, weighted by their count: the same minimiser.
@Suite("Merged points")
struct FitPointsTests {
    @Test("merging keeps every point's weight, and the weighted SSR equals the unmerged one for a function of x")
    func merging() {
        let xs = [2.0, 0, 1, 2, 0, 2, 3, 1, 2, 0, 3, 3]
        let ys = xs.map { $0 * $0 - 1 }
        let points = FitPoints.merging(xs: xs, ys: ys)
        let weights = points.weights ?? []
        #expect(weights.reduce(0, +) == Double(xs.count))
        #expect(points.count == FitPoints.minimumCount)  // 4 values, split up to 8 points
        let model = { (x: Double) in 0.7 * sin(1.3 * x) + 0.2 }
        let unmerged = zip(xs, ys).reduce(0.0) { $0 + pow(model($1.0) - $1.1, 2) }
        let merged = points.xs.indices.reduce(0.0) { $0 + weights[$1] * pow(model(points.xs[$1]) - points.ys[$1], 2) }
        expectClose(merged, unmerged, tolerance: 1e-12)
        #expect(FitPoints.merging(xs: [0.5, 0.1, 0.9], ys: [1, 2, 3]).weights == nil)
    }

    @Test("a column of 4 categories, 60 rows each: y = 2 (x - 0.5)^2 + 1 comes back exactly as x^2")
    func categories() throws {
        let x = (0..<240).map { Double($0 % 4) }
        let y = x.map { 2 * ($0 - 0.5) * ($0 - 0.5) + 1 }
        let fit = try AffineFitter().fit(try FunctionLibrary.standard().function(named: "x^2"), x: x, y: y)
        #expect(fit.r2 > 1 - 1e-12)
        expectClose(fit.constants.c, 2, tolerance: 1e-8)
        expectClose(fit.constants.b, -0.5, tolerance: 1e-8)
        expectClose(fit.constants.d, 1, tolerance: 1e-8)
    }
}
