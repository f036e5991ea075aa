import Optimization

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
        do { try loss.checkTargets(targets, outputs: outputCount) } catch { throw .invalidTargets(error) }
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
