import Foundation

/// What `fit` minimises, besides the regulariser: a value and its gradient with respect to the predictions.
public enum LossFunction: Sendable {
    /// `mean((prediction - target)^2)` over all entries, pykan's default; reported as its square root (RMSE).
    case meanSquaredError
    /// Softmax cross-entropy: predictions are logits (`rows x classes`), targets one column of class indices.
    case crossEntropy
    /// A user's loss: `(predictions, targets) -> (value, dValue/dPredictions)`, the gradient laid out as the
    /// predictions' values.
    case custom(@Sendable (Matrix, Matrix) -> (value: Double, gradient: [Double]))

    /// The loss and its gradient.
    public func evaluate(predictions: Matrix, targets: Matrix) -> (value: Double, gradient: [Double]) {
        switch self {
        case .meanSquaredError:
            let count = Double(predictions.values.count)
            var value = 0.0
            var gradient = [Double](repeating: 0, count: predictions.values.count)
            for index in gradient.indices {
                let difference = predictions.values[index] - targets.values[index]
                value += difference * difference
                gradient[index] = 2 * difference / count
            }
            return (value / count, gradient)
        case .crossEntropy:
            let classes = predictions.columns, rows = Double(predictions.rows)
            var value = 0.0
            var gradient = [Double](repeating: 0, count: predictions.values.count)
            for row in 0..<predictions.rows {
                let logits = predictions.row(row)
                let largest = logits.max() ?? 0
                let exponentials = logits.map { Foundation.exp($0 - largest) }
                let total = exponentials.reduce(0, +)
                let label = Int(targets[row, 0])
                value -= Foundation.log(exponentials[label] / total)
                for c in 0..<classes {
                    gradient[row * classes + c] = (exponentials[c] / total - (c == label ? 1 : 0)) / rows
                }
            }
            return (value / rows, gradient)
        case .custom(let loss):
            return loss(predictions, targets)
        }
    }

    /// The number a progress line shows for a loss value: RMSE for mean squared error, the value otherwise.
    func reported(_ value: Double) -> Double {
        if case .meanSquaredError = self { return value.squareRoot() }
        return value
    }

    /// Checks that `targets` fit `outputs` model outputs (labels' shape, class indices in range).
    public func checkTargets(_ targets: Matrix, outputs: Int) throws(KANError) {
        switch self {
        case .meanSquaredError:
            guard targets.columns == outputs else {
                throw .shapeMismatch(what: "label columns (the model's output width)", expected: outputs, found: targets.columns)
            }
        case .crossEntropy:
            guard targets.columns == 1 else {
                throw .shapeMismatch(what: "label columns for cross-entropy (one class index)", expected: 1, found: targets.columns)
            }
            if let bad = targets.values.firstIndex(where: { $0 < 0 || $0 >= Double(outputs) || $0 != $0.rounded() }) {
                throw .invalidHyperparameter(name: "label", value: "\(targets.values[bad]) at row \(bad)",
                                             reason: "cross-entropy labels must be class indices 0..<\(outputs)")
            }
        case .custom:
            break
        }
    }
}

/// Computes losses and gradients of one model shape again and again, keeping its per-layer caches between
/// calls (a training loop's inner workhorse; `KANModel.lossAndGradient` makes a fresh one each time).
public final class GradientEvaluator {
    private let evaluator: KANEvaluator

    public init(_ model: KANModel) {
        evaluator = KANEvaluator(model: model)
    }

    /// As `KANModel.lossAndGradient`, for `model` of the shape this evaluator was made for.
    public func lossAndGradient(_ model: KANModel, inputs: Matrix, targets: Matrix, loss: LossFunction = .meanSquaredError,
                                regularization: Regularization = .none) throws(KANError) -> (loss: Double, regularization: Double, gradient: [Double]) {
        try model.checkBatch(inputs: inputs, targets: targets, loss: loss)
        return evaluator.objective(model, inputs: inputs, targets: targets, loss: loss, regularization: regularization)
    }
}

extension KANModel {
    /// The loss, the unscaled regulariser and the gradient of `loss + lamb * reg` with respect to
    /// `parameterVector()`, on one batch.
    public func lossAndGradient(inputs: Matrix, targets: Matrix, loss: LossFunction = .meanSquaredError,
                                regularization: Regularization = .none) throws(KANError) -> (loss: Double, regularization: Double, gradient: [Double]) {
        try checkBatch(inputs: inputs, targets: targets, loss: loss)
        let evaluator = KANEvaluator(model: self)
        return evaluator.objective(self, inputs: inputs, targets: targets, loss: loss, regularization: regularization)
    }

    /// The loss on a batch, without gradient.
    public func loss(inputs: Matrix, targets: Matrix, loss: LossFunction = .meanSquaredError) throws(KANError) -> Double {
        try checkBatch(inputs: inputs, targets: targets, loss: loss)
        let evaluator = KANEvaluator(model: self)
        return loss.evaluate(predictions: evaluator.forward(self, inputs: inputs, statistics: false), targets: targets).value
    }

    /// The unscaled regulariser on a batch (pykan's `get_reg`).
    public func regularization(inputs: Matrix, _ regularization: Regularization) throws(KANError) -> Double {
        try checkInputs(inputs, what: "inputs")
        let evaluator = KANEvaluator(model: self)
        _ = evaluator.forward(self, inputs: inputs, statistics: true)
        let scales = evaluator.activationScales(self)
        return regularization.activationTerms(scales: scales, layers: layers).value
            + layers.reduce(0) { $0 + regularization.coefficientTerms($1, gradient: nil) }
    }
}

extension KANModel {
    /// Throws unless `inputs` fit the model and `targets` fit `inputs` and the loss.
    func checkBatch(inputs: Matrix, targets: Matrix, loss: LossFunction) throws(KANError) {
        try checkInputs(inputs, what: "inputs")
        guard targets.rows == inputs.rows else {
            throw .shapeMismatch(what: "label rows (one per input row)", expected: inputs.rows, found: targets.rows)
        }
        try loss.checkTargets(targets, outputs: outputCount)
    }
}

extension KANEvaluator {
    /// Forward, loss, regulariser and backward in one go.
    func objective(_ model: KANModel, inputs: Matrix, targets: Matrix, loss: LossFunction,
                   regularization: Regularization) -> (loss: Double, regularization: Double, gradient: [Double]) {
        let predictions = forward(model, inputs: inputs, statistics: regularization.isActive, gradients: true)
        let (value, outputGradient) = loss.evaluate(predictions: predictions, targets: targets)
        var regularizer = 0.0
        var scaleGradients: [[Double]]?
        if regularization.isActive {
            let terms = regularization.activationTerms(scales: activationScales(model), layers: model.layers)
            regularizer = terms.value + model.layers.reduce(0) { $0 + regularization.coefficientTerms($1, gradient: nil) }
            scaleGradients = terms.gradients
        }
        let gradient = backward(model, outputGradient: outputGradient, regularization: regularization, scaleGradients: scaleGradients)
        return (value, regularizer, gradient)
    }
}
