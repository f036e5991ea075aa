import Datasets
import Foundation
@testable import MLP
import Optimization
import Testing
import TestSupport

@Suite("MLP baseline")
struct MLPTests {
    @Test("gradients through dgemm match finite differences, for every activation", arguments: MLPModel.Activation.allCases)
    func gradients(activation: MLPModel.Activation) throws {
        let model = try MLPModel(widths: [3, 5, 4, 2], activation: activation, seed: 1)
        var random = SeededRandom(seed: 2)
        let x = Matrix(rows: 9, columns: 3, values: (0..<27).map { _ in random.uniform(-1, 1) })
        let labels = Matrix(rows: 9, columns: 1, values: (0..<9).map { Double($0 % 2) })
        let (_, analytic) = model.lossAndGradient(inputs: x, targets: labels, loss: .crossEntropy)
        let parameters = model.parameterVector
        for index in stride(from: 0, to: parameters.count, by: 3) {
            func loss(_ shift: Double) -> Double {
                var shifted = model
                var vector = parameters
                vector[index] += shift
                shifted.setParameterVector(vector)
                return shifted.lossAndGradient(inputs: x, targets: labels, loss: .crossEntropy).0
            }
            let numeric = (loss(1e-6) - loss(-1e-6)) / 2e-6
            #expect(abs(numeric - analytic[index]) <= 1e-6 * max(1e-2, abs(numeric)) + 1e-9, "\(activation) parameter \(index)")
        }
    }

    @Test("learns a nonlinear two-class problem; the same seed gives the same model")
    func learns() throws {
        var random = SeededRandom(seed: 3)
        func points(_ n: Int) -> (Matrix, Matrix) {
            let x = Matrix(rows: n, columns: 2, values: (0..<2 * n).map { _ in random.uniform(-1, 1) })
            let y = Matrix(rows: n, columns: 1, values: (0..<n).map { x[$0, 0] * x[$0, 1] > 0 ? 1 : 0 })
            return (x, y)
        }
        let (trainX, trainY) = points(400), (testX, testY) = points(200)
        let data = try Dataset(trainInputs: trainX, trainLabels: trainY, testInputs: testX, testLabels: testY)
        var model = try MLPModel(widths: [2, 16, 2], activation: .tanh, seed: 0)
        try model.train(data, options: MLPTrainingOptions(epochs: 60, batchSize: 32, learningRate: 0.01))
        let accuracy = Metrics.accuracy(Metrics.classes(try model(testX), classCount: 2), testY)
        #expect(accuracy > 0.9, "test accuracy \(accuracy)")
        var again = try MLPModel(widths: [2, 16, 2], activation: .tanh, seed: 0)
        try again.train(data, options: MLPTrainingOptions(epochs: 60, batchSize: 32, learningRate: 0.01))
        #expect(again == model)
    }

    @Test("metrics: accuracy, confusion matrix, classes from one output or several")
    func metrics() {
        let labels = Matrix(rows: 4, columns: 1, values: [0, 1, 1, 0])
        let oneOutput = Matrix(rows: 4, columns: 1, values: [0.2, 0.7, 0.4, -0.3])
        let classes = Metrics.classes(oneOutput, classCount: 2)
        #expect(classes == [0, 1, 0, 0])
        #expect(Metrics.accuracy(classes, labels) == 0.75)
        #expect(Metrics.confusion(classes, labels, classCount: 2) == [[2, 0], [1, 1]])
        #expect(Metrics.classes(Matrix([[0.1, 0.9], [2, -1]]), classCount: 2) == [1, 0])
        #expect(Metrics.isClassification(labels) && !Metrics.isClassification(Matrix([[0.5], [1.5]])))
    }

    @Test("inputs of the wrong width, labels out of range and a batch of 0 are MLP errors naming the problem")
    func wrongShapes() throws {
        var mlp = try MLPModel(widths: [2, 4, 2])
        #expect(throws: MLPError.shapeMismatch(what: "MLP input columns", expected: 2, found: 3)) { try mlp(Matrix(rows: 4, columns: 3)) }
        let classes = try Dataset(trainInputs: Matrix([[0, 1], [1, 0]]), trainLabels: Matrix([[0], [1]]),
                                  testInputs: Matrix([[0, 1]]), testLabels: Matrix([[0]]))
        #expect(throws: MLPError.invalidHyperparameter(name: "batch", value: "0", reason: "must be positive")) {
            try mlp.train(classes, options: MLPTrainingOptions(batchSize: 0))
        }
        let outOfRange = try Dataset(trainInputs: Matrix([[0, 1], [1, 0]]), trainLabels: Matrix([[0], [2]]),
                                     testInputs: Matrix([[0, 1]]), testLabels: Matrix([[0]]))
        #expect(throws: MLPError.invalidTargets(.invalidLabel(value: 2, row: 1, reason: "cross-entropy labels must be class indices 0..<2"))) {
            try mlp.train(outOfRange, options: MLPTrainingOptions(loss: .crossEntropy))
        }
        #expect(throws: MLPError.self) { try MLPModel(widths: [3]) }
    }
}
