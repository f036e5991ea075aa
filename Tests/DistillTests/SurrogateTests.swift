import Datasets
@testable import Distill
import Foundation
import Optimization
import Testing
import TestSupport

/// The surrogate KAN that stands in for the unknown law in the structure tests: trained on a smooth known function
/// it predicts points the data do not hold, and its `relativeError` (validation RMSE over the targets' standard
/// deviation) is the noise level of the oracle: near 0 on exact data, near the noise on noisy data.
@Suite("Surrogate KAN: held-out predictions and its noise level")
struct SurrogateTests {
    /// `f(x, y)` on `rows` training rows uniform in [-1, 1]^2 (plus Gaussian noise of standard deviation `noise`
    /// on the targets), 50 test rows.
    static func data(_ f: (Double, Double) -> Double, rows: Int = 400, noise: Double = 0, seed: UInt64 = 5) throws -> DiscoveryData {
        var random = SeededRandom(seed: seed)
        let inputs = (0..<rows + 50).map { _ in [random.uniform(-1, 1), random.uniform(-1, 1)] }
        let targets = inputs.map { [f($0[0], $0[1]) + noise * random.normal()] }
        let dataset = try Dataset(trainInputs: Matrix(Array(inputs[..<rows])), trainLabels: Matrix(Array(targets[..<rows])),
                                  testInputs: Matrix(Array(inputs[rows...])), testLabels: Matrix(Array(targets[rows...])),
                                  inputNames: ["x", "y"])
        return try DiscoveryData(dataset, seed: 0)
    }

    static func smooth(_ x: Double, _ y: Double) -> Double { sin(2 * x) + 0.5 * y * y }

    /// A 21 x 21 grid over [-0.95, 0.95]^2: points none of the random rows holds.
    static let grid: [[Double]] = {
        let steps: [Double] = (0...20).map { -0.95 + 0.095 * Double($0) }
        return steps.flatMap { x in steps.map { y in [x, y] } }
    }()

    static func rmse(_ a: [Double], _ b: [Double]) -> Double {
        (zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)).squareRoot()
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }

    @Test("trained on sin(2x) + y^2/2, it predicts a grid of held-out points within 1% of the function's spread")
    func predictsHeldOut() throws {
        let data = try Self.data(Self.smooth)
        let surrogate = try #require(try Surrogate.train(data, seed: 0, deadline: Deadline(after: 60)))
        let truth = Self.grid.map { Self.smooth($0[0], $0[1]) }
        let predicted = surrogate.values(Self.grid)
        #expect(predicted.allSatisfy { $0.isFinite })
        let error = Self.rmse(predicted, truth) / Self.standardDeviation(truth)
        #expect(error < 0.01, "held-out relative RMSE \(error)")
        // The surrogate's own noise level is what its validation rows give, and small on exact data.
        expectClose(surrogate.relativeError,
                    Self.rmse(surrogate.values(data.validationRows), data.validationTargets) / Self.standardDeviation(data.validationTargets),
                    tolerance: 1e-12)
        #expect(surrogate.relativeError < 0.02, "relative error \(surrogate.relativeError)")
    }

    @Test("a target of one sign (trained on it and on log|y|): held-out predictions within 1%, and of that sign")
    func positiveTarget() throws {
        func f(_ x: Double, _ y: Double) -> Double { exp(x) * (y + 2) }
        let data = try Self.data(f)
        #expect(data.targetSign == 1)
        let surrogate = try #require(try Surrogate.train(data, seed: 0, deadline: Deadline(after: 60)))
        let truth = Self.grid.map { f($0[0], $0[1]) }
        let predicted = surrogate.values(Self.grid)
        #expect(predicted.allSatisfy { $0 > 0 })
        let error = Self.rmse(predicted, truth) / Self.standardDeviation(truth)
        #expect(error < 0.01, "held-out relative RMSE \(error)")
    }

    @Test("noise on the targets shows in relativeError: at least about the noise's share of the spread, and growing with it")
    func noiseLevel() throws {
        var errors: [Double] = []
        var shares: [Double] = []
        // Noise of standard deviation 0, 0.05 and 0.2; the function's standard deviation on [-1, 1]^2 is about 0.7.
        for noise in [0, 0.05, 0.2] {
            let data = try Self.data(Self.smooth, noise: noise)
            let surrogate = try #require(try Surrogate.train(data, seed: 0, deadline: Deadline(after: 60)))
            errors.append(surrogate.relativeError)
            shares.append(noise / Self.standardDeviation(data.validationTargets))
        }
        #expect(errors[0] < errors[1] && errors[1] < errors[2], "relative errors \(errors) for noise shares \(shares)")
        // A fit cannot explain noise on rows it did not see: its validation error is at least most of the noise.
        for (error, share) in zip(errors, shares).dropFirst() {
            #expect(error > 0.7 * share, "relative error \(error), noise share \(share)")
        }
        #expect(errors[1] > 5 * errors[0], "relative errors \(errors)")
    }

    @Test("no surrogate of a constant target (nothing to learn); no values at no rows")
    func constantTarget() throws {
        let data = try Self.data { _, _ in 3 }
        #expect(try Surrogate.train(data, seed: 0, deadline: Deadline(after: 60)) == nil)
        let surrogate = try #require(try Surrogate.train(try Self.data(Self.smooth, rows: 100), seed: 0, deadline: Deadline(after: 60)))
        #expect(surrogate.values([]).isEmpty)
    }
}
