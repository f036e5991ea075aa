import Comparison
import Datasets
import Foundation
import KAN
import MLP
import Optimization
import Symbolic
import Testing
import TestSupport

@Suite("KAN against MLP")
struct ModelComparisonTests {
    /// Two classes from the sign of x1*x2, with labels 0 and 1.
    static func quadrants() throws -> Dataset {
        var random = SeededRandom(seed: 5)
        func points(_ n: Int) -> (Matrix, Matrix) {
            let x = Matrix(rows: n, columns: 2, values: (0..<2 * n).map { _ in random.uniform(-1, 1) })
            return (x, Matrix(rows: n, columns: 1, values: (0..<n).map { x[$0, 0] * x[$0, 1] > 0 ? 1 : 0 }))
        }
        let (trainX, trainY) = points(300), (testX, testY) = points(100)
        return try Dataset(trainInputs: trainX, trainLabels: trainY, testInputs: testX, testLabels: testY)
    }

    @Test("classification: both models' accuracies and confusion matrices are those of the returned models")
    func classification() throws {
        let data = try Self.quadrants()
        #expect(data.classCount == 2)
        #expect(ModelComparison.defaultKANWidth(for: data) == [2, 1] && ModelComparison.defaultMLPWidths(for: data) == [2, 16, 2])
        let comparison = ModelComparison(kan: KANConfiguration(width: [2, 2, 1], grid: 5, order: 3), kanFit: FitOptions(steps: 20),
                                         mlpWidths: [2, 16, 2], mlpTraining: MLPTrainingOptions(epochs: 60, batchSize: 16, learningRate: 1e-2))
        let (entries, kan, mlp) = try comparison.run(on: data)
        #expect(entries.map(\.name) == ["KAN [2, 2, 1]", "MLP [2, 16, 2]"])
        #expect(entries.map(\.parameters) == [kan.parameterCount, mlp.parameterCount])
        let kanAccuracy = Metrics.accuracy(Metrics.classes(try kan(data.testInputs), classCount: 2), data.testLabels)
        let mlpAccuracy = Metrics.accuracy(Metrics.classes(try mlp(data.testInputs), classCount: 2), data.testLabels)
        #expect(entries[0].testAccuracy == kanAccuracy && entries[1].testAccuracy == mlpAccuracy)
        // The MLP is trained with cross-entropy on its two outputs: it learns the quadrants.
        #expect(mlpAccuracy > 0.8, "\(entries)")
        for entry in entries {
            #expect(entry.trainRMSE == nil && entry.testRMSE == nil)
            #expect(entry.confusionMatrix?.joined().reduce(0, +) == data.testInputs.rows)
        }
    }

    @Test("regression: RMSEs of the returned models, no accuracies; the same seed gives the same entries but the time")
    func regression() throws {
        let data = try Dataset(expression: try Expr(parsing: "x1*x2 + sin(x1)"), trainCount: 300, testCount: 100, seed: 1)
        let comparison = ModelComparison(kan: KANConfiguration(width: [2, 3, 1], grid: 5, order: 3, seed: 2), kanFit: FitOptions(steps: 15),
                                         mlpWidths: ModelComparison.defaultMLPWidths(for: data),
                                         mlpTraining: MLPTrainingOptions(epochs: 20, batchSize: 32, learningRate: 1e-2))
        let (entries, kan, mlp) = try comparison.run(on: data)
        #expect(comparison.mlpWidths == [2, 16, 1])
        #expect(entries[0].testRMSE == Metrics.rmse(try kan(data.testInputs), data.testLabels))
        #expect(entries[1].testRMSE == Metrics.rmse(try mlp(data.testInputs), data.testLabels))
        #expect(entries[0].testRMSE! < 0.05, "\(entries[0])")
        #expect(entries.allSatisfy { $0.trainAccuracy == nil && $0.confusionMatrix == nil })
        var again = try comparison.run(on: data).entries
        for index in again.indices { again[index].trainSeconds = entries[index].trainSeconds }
        #expect(again == entries)
    }
}
