import Datasets
import Foundation
import Optimization

/// A multilayer perceptron in the same engine as the KANs, for comparisons: dense layers (products through
/// OpenBLAS's `dgemm`), an activation between them, trained with Adam on mini-batches.
///
/// Shapes: `weights[l]` is `outputs x inputs` row-major, `biases[l]` has `outputs` entries. Initialised as
/// PyTorch's `nn.Linear`: weights and biases uniform in `+-1/sqrt(inputs)`, from the seed.
public struct MLPModel: Codable, Sendable, Equatable {
    /// The function between layers.
    public enum Activation: String, Codable, Sendable, CaseIterable {
        case relu, sigmoid, tanh, silu

        func apply(_ z: Double) -> (value: Double, derivative: Double) {
            switch self {
            case .relu: return z > 0 ? (z, 1) : (0, 0)
            case .sigmoid:
                let s = 1 / (1 + Foundation.exp(-z))
                return (s, s * (1 - s))
            case .tanh:
                let t = Foundation.tanh(z)
                return (t, 1 - t * t)
            case .silu:
                let s = 1 / (1 + Foundation.exp(-z))
                return (z * s, s * (1 + z * (1 - s)))
            }
        }
    }

    public let widths: [Int]
    public let activation: Activation
    public var weights: [[Double]]
    public var biases: [[Double]]

    public init(widths: [Int], activation: Activation = .relu, seed: UInt64 = 0) throws(MLPError) {
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else {
            throw .invalidWidth(widths, reason: "an MLP needs at least two layers of at least one unit")
        }
        self.widths = widths
        self.activation = activation
        var random = SeededRandom(seed: seed)
        weights = []
        biases = []
        for l in 0..<widths.count - 1 {
            let bound = 1 / Double(widths[l]).squareRoot()
            weights.append((0..<widths[l] * widths[l + 1]).map { _ in random.uniform(-bound, bound) })
            biases.append((0..<widths[l + 1]).map { _ in random.uniform(-bound, bound) })
        }
    }

    /// The number of weights and biases.
    public var parameterCount: Int { zip(weights, biases).reduce(0) { $0 + $1.0.count + $1.1.count } }

    /// The outputs (logits for classification) of a batch.
    public func callAsFunction(_ inputs: Matrix) throws(MLPError) -> Matrix {
        guard inputs.columns == widths[0] else {
            throw .shapeMismatch(what: "MLP input columns", expected: widths[0], found: inputs.columns)
        }
        return forward(inputs).last!
    }

    /// Every layer's output, the inputs first; activations applied between layers, not after the last.
    func forward(_ inputs: Matrix) -> [Matrix] {
        var outputs = [inputs]
        for l in weights.indices {
            let x = outputs[l]
            let (rows, ins, outs) = (x.rows, widths[l], widths[l + 1])
            var z = [Double](repeating: 0, count: rows * outs)
            for r in 0..<rows { for o in 0..<outs { z[r * outs + o] = biases[l][o] } }
            // Z = X W^T + b
            matrixProduct(.no, .yes, rows, outs, ins, 1, x.values, ins, weights[l], ins, 1, &z, outs)
            if l < weights.count - 1 { z = z.map { activation.apply($0).value } }
            outputs.append(Matrix(rows: rows, columns: outs, values: z))
        }
        return outputs
    }

    /// The loss and its gradient with respect to every weight and bias, flattened layer by layer
    /// (weights, then biases).
    func lossAndGradient(inputs: Matrix, targets: Matrix, loss: LossFunction) -> (Double, [Double]) {
        let outputs = forward(inputs)
        let (value, outputGradient) = loss.evaluate(predictions: outputs.last!, targets: targets)
        var gradients: [[Double]] = Array(repeating: [], count: 2 * weights.count)
        var delta = outputGradient  // dL/dZ of the current layer, rows x outs
        for l in stride(from: weights.count - 1, through: 0, by: -1) {
            let x = outputs[l]
            let (rows, ins, outs) = (x.rows, widths[l], widths[l + 1])
            var dW = [Double](repeating: 0, count: outs * ins)
            // dW = delta^T X
            matrixProduct(.yes, .no, outs, ins, rows, 1, delta, outs, x.values, ins, 0, &dW, ins)
            var db = [Double](repeating: 0, count: outs)
            for r in 0..<rows { for o in 0..<outs { db[o] += delta[r * outs + o] } }
            gradients[2 * l] = dW
            gradients[2 * l + 1] = db
            if l > 0 {
                // dA = delta W, then through the activation of layer l-1's output.
                var dA = [Double](repeating: 0, count: rows * ins)
                matrixProduct(.no, .no, rows, ins, outs, 1, delta, outs, weights[l], ins, 0, &dA, ins)
                // Recover z from the activation's output is not possible in general: recompute z.
                let previous = outputs[l - 1]
                var z = [Double](repeating: 0, count: rows * ins)
                for r in 0..<rows { for o in 0..<ins { z[r * ins + o] = biases[l - 1][o] } }
                matrixProduct(.no, .yes, rows, ins, widths[l - 1], 1, previous.values, widths[l - 1], weights[l - 1], widths[l - 1], 1, &z, ins)
                for index in dA.indices { dA[index] *= activation.apply(z[index]).derivative }
                delta = dA
            }
        }
        return (value, gradients.flatMap { $0 })
    }

    var parameterVector: [Double] { zip(weights, biases).flatMap { $0.0 + $0.1 } }

    mutating func setParameterVector(_ vector: [Double]) {
        var offset = 0
        for l in weights.indices {
            weights[l] = Array(vector[offset..<offset + weights[l].count])
            offset += weights[l].count
            biases[l] = Array(vector[offset..<offset + biases[l].count])
            offset += biases[l].count
        }
    }
}

/// Options of `MLPModel.train`: Adam on shuffled mini-batches for a number of epochs, Keras' defaults.
public struct MLPTrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var loss: LossFunction
    public var seed: UInt64

    public init(epochs: Int = 10, batchSize: Int = 32, learningRate: Double = 1e-3, loss: LossFunction = .crossEntropy, seed: UInt64 = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.loss = loss
        self.seed = seed
    }
}

extension MLPModel {
    /// Trains with Adam on shuffled mini-batches; returns the training loss after each epoch and the seconds taken.
    @discardableResult
    public mutating func train(_ dataset: Dataset, options: MLPTrainingOptions) throws(MLPError) -> (losses: [Double], seconds: Double) {
        guard dataset.trainInputs.columns == widths[0] else {
            throw .shapeMismatch(what: "MLP input width", expected: widths[0], found: dataset.trainInputs.columns)
        }
        do { try options.loss.checkTargets(dataset.trainLabels, outputs: widths.last!) } catch { throw .invalidTargets(error) }
        guard options.batchSize > 0 else { throw .invalidHyperparameter(name: "batch", value: "\(options.batchSize)", reason: "must be positive") }
        guard options.epochs >= 0 else { throw .invalidHyperparameter(name: "epochs", value: "\(options.epochs)", reason: "must not be negative") }
        let clock = ContinuousClock()
        let start = clock.now
        var random = SeededRandom(seed: options.seed)
        var adam = Adam(learningRate: options.learningRate)
        var parameters = parameterVector
        var losses: [Double] = []
        let rows = dataset.trainInputs.rows
        for epoch in 0..<options.epochs {
            let lastFinite = parameters
            var order = Array(0..<rows)
            for i in stride(from: rows - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            for batchStart in stride(from: 0, to: rows, by: options.batchSize) {
                let indices = Array(order[batchStart..<min(rows, batchStart + options.batchSize)])
                setParameterVector(parameters)
                let (_, gradient) = lossAndGradient(inputs: dataset.trainInputs.selectingRows(indices),
                                                    targets: dataset.trainLabels.selectingRows(indices), loss: options.loss)
                adam.step(&parameters, gradient: gradient)
            }
            setParameterVector(parameters)
            let value = options.loss.evaluate(predictions: forward(dataset.trainInputs).last!, targets: dataset.trainLabels).value
            guard value.isFinite else {
                setParameterVector(lastFinite)
                throw .nonFiniteLoss(epoch: epoch)
            }
            losses.append(value)
        }
        return (losses, start.duration(to: clock.now).inSeconds)
    }
}
