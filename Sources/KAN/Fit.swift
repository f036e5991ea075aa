import Datasets
import Foundation
import Optimization

/// Options of `KANModel.fit`, with pykan's defaults.
public struct FitOptions: Sendable {
    /// The optimiser.
    public enum Optimizer: String, Sendable, CaseIterable {
        case lbfgs, adam
    }

    public var optimizer: Optimizer
    public var steps: Int
    /// LBFGS's `lr` (1) or Adam's learning rate.
    public var learningRate: Double
    public var regularization: Regularization
    public var loss: LossFunction
    /// Update grids from the training batch every `stopGridUpdateStep / gridUpdateNum` steps, before step
    /// `stopGridUpdateStep`.
    public var updateGrid: Bool
    public var gridUpdateNum: Int
    public var startGridUpdateStep: Int
    public var stopGridUpdateStep: Int
    /// Rows per step; -1 for the whole training set (pykan's `batch=-1`).
    public var batch: Int
    /// Seed of the batch sampling.
    public var seed: UInt64
    /// Extra numbers recorded after every step, by name.
    public var metrics: [FitMetric]

    public init(optimizer: Optimizer = .lbfgs, steps: Int = 100, learningRate: Double = 1,
                regularization: Regularization = .none, loss: LossFunction = .meanSquaredError,
                updateGrid: Bool = true, gridUpdateNum: Int = 10, startGridUpdateStep: Int = -1,
                stopGridUpdateStep: Int = 50, batch: Int = -1, seed: UInt64 = 0, metrics: [FitMetric] = []) {
        self.optimizer = optimizer
        self.steps = steps
        self.learningRate = learningRate
        self.regularization = regularization
        self.loss = loss
        self.updateGrid = updateGrid
        self.gridUpdateNum = gridUpdateNum
        self.startGridUpdateStep = startGridUpdateStep
        self.stopGridUpdateStep = stopGridUpdateStep
        self.batch = batch
        self.seed = seed
        self.metrics = metrics
    }
}

/// A number recorded after every step of `fit`, such as test accuracy.
public struct FitMetric: Sendable {
    public let name: String
    public let compute: @Sendable (KANModel, Dataset) -> Double

    public init(name: String, compute: @escaping @Sendable (KANModel, Dataset) -> Double) {
        self.name = name
        self.compute = compute
    }
}

/// What `fit` recorded, one entry per step: losses as reported (RMSE for mean squared error), the unscaled
/// regulariser, and the user's metrics.
public struct FitHistory: Codable, Sendable, Equatable {
    public var trainLoss: [Double] = []
    public var testLoss: [Double] = []
    public var regularization: [Double] = []
    public var metrics: [String: [Double]] = [:]
    /// Wall-clock seconds of the whole fit.
    public var seconds = 0.0

    public init() {}
}

/// One step's numbers, handed to a progress callback; only the command-line tool draws them.
public struct FitProgress: Sendable {
    public let step: Int
    public let steps: Int
    public let trainLoss: Double
    public let testLoss: Double
    public let regularization: Double
    public let elapsedSeconds: Double
}

extension KANModel {
    /// Trains the model (pykan's `fit`): per step, an optional grid update from the training batch, one
    /// optimiser step on `loss + lamb * reg`, then the train loss, test loss and regulariser are recorded.
    ///
    /// If the objective becomes NaN or infinite, the fit stops with `KANError.nonFiniteLoss` and the model keeps
    /// its last finite parameters.
    @discardableResult
    public mutating func fit(_ dataset: Dataset, options: FitOptions = FitOptions(),
                             progress: ((FitProgress) -> Void)? = nil) throws(KANError) -> FitHistory {
        try checkInputs(dataset.trainInputs, what: "train inputs")
        try checkInputs(dataset.testInputs, what: "test inputs")
        do {
            try options.loss.checkTargets(dataset.trainLabels, outputs: outputCount)
            try options.loss.checkTargets(dataset.testLabels, outputs: outputCount)
        } catch { throw .invalidTargets(error) }
        guard options.steps >= 0 else { throw .invalidHyperparameter(name: "steps", value: "\(options.steps)", reason: "must not be negative") }
        let clock = ContinuousClock()
        let start = clock.now
        var history = FitHistory()
        var random = SeededRandom(seed: options.seed)
        // One evaluator per data set, so each keeps its own first-layer basis (and sparse view) across steps.
        let evaluator = KANEvaluator(model: self), testEvaluator = KANEvaluator(model: self)
        var lbfgs = LBFGS(learningRate: options.learningRate)
        var adam = Adam(learningRate: options.learningRate)
        let gridUpdateFrequency = max(1, options.stopGridUpdateStep / max(1, options.gridUpdateNum))
        let regularization = options.regularization
        // The last point evaluated on this batch with these grids, if any.
        var evaluated: EvaluatedPoint?
        for step in 0..<options.steps {
            let (trainBatch, trainTargets) = batch(dataset.trainInputs, dataset.trainLabels, size: options.batch, random: &random)
            let (testBatch, testTargets) = batch(dataset.testInputs, dataset.testLabels, size: options.batch, random: &random)
            if !isWholeSet(options.batch, rows: dataset.trainInputs.rows) { evaluated = nil }
            if options.updateGrid, step % gridUpdateFrequency == 0, step < options.stopGridUpdateStep,
               step >= options.startGridUpdateStep {
                try updateGrid(from: trainBatch)
                evaluated = nil
            }
            let lastFinite = self
            var parameters = parameterVector()
            var model = self
            func objective(_ vector: [Double]) -> (value: Double, gradient: [Double]) {
                if let point = evaluated, point.isAt(vector) {
                    return (point.loss + regularization.lamb * point.regularization, point.gradient)
                }
                model.setParameterVector(vector)
                // Kept only when evaluating it again would take the same kernels (not on the first passes over a batch).
                let settled = evaluator.kernelsSettled
                let result = evaluator.objective(model, inputs: trainBatch, targets: trainTargets, loss: options.loss,
                                                 regularization: regularization)
                evaluated = settled && evaluator.kernelsSettled
                    ? EvaluatedPoint(parameters: vector, loss: result.loss, regularization: result.regularization,
                                     gradient: result.gradient)
                    : nil
                return (result.loss + regularization.lamb * result.regularization, result.gradient)
            }
            switch options.optimizer {
            case .lbfgs:
                _ = lbfgs.step(&parameters, objective: objective)
            case .adam:
                let (_, gradient) = objective(parameters)
                adam.step(&parameters, gradient: gradient)
            }
            setParameterVector(parameters)
            let (trainLoss, regularizer) = evaluated.flatMap { $0.isAt(parameters) ? ($0.loss, $0.regularization) : nil }
                ?? trainLossAndRegularizer(evaluator, batch: trainBatch, targets: trainTargets, options: options)
            guard (trainLoss + regularization.lamb * regularizer).isFinite,
                  parameters.allSatisfy({ $0.isFinite }) else {
                self = lastFinite
                throw .nonFiniteLoss(step: step)
            }
            let testLoss = options.loss.evaluate(predictions: testEvaluator.forward(self, inputs: testBatch, statistics: false),
                                                 targets: testTargets).value
            history.trainLoss.append(options.loss.reported(trainLoss))
            history.testLoss.append(options.loss.reported(testLoss))
            history.regularization.append(regularizer)
            for metric in options.metrics { history.metrics[metric.name, default: []].append(metric.compute(self, dataset)) }
            let elapsed = clock.now - start
            progress?(FitProgress(step: step + 1, steps: options.steps, trainLoss: history.trainLoss.last!,
                                  testLoss: history.testLoss.last!, regularization: regularizer,
                                  elapsedSeconds: elapsed.inSeconds))
        }
        let elapsed = clock.now - start
        history.seconds = elapsed.inSeconds
        return history
    }

    /// The loss and the unscaled regulariser on the training batch, as a step records them.
    private func trainLossAndRegularizer(_ evaluator: KANEvaluator, batch: Matrix, targets: Matrix,
                                         options: FitOptions) -> (Double, Double) {
        let regularization = options.regularization
        let predictions = evaluator.forward(self, inputs: batch, statistics: regularization.isActive)
        let trainLoss = options.loss.evaluate(predictions: predictions, targets: targets).value
        let regularizer = regularization.isActive
            ? regularization.activationTerms(scales: evaluator.activationScales(self), layers: layers).value
                + layers.reduce(0) { $0 + regularization.coefficientTerms($1, gradient: nil) }
            : 0
        return (trainLoss, regularizer)
    }

    /// Whether a batch of `size` rows is the whole set of `rows`: every step then trains on the same rows.
    private func isWholeSet(_ size: Int, rows: Int) -> Bool { size <= 0 || size >= rows }

    /// The whole set when `size` is -1 or at least the row count, else `size` rows drawn without replacement.
    private func batch(_ inputs: Matrix, _ labels: Matrix, size: Int, random: inout SeededRandom) -> (Matrix, Matrix) {
        guard !isWholeSet(size, rows: inputs.rows) else { return (inputs, labels) }
        let rows = random.sample(size, from: inputs.rows)
        return (inputs.selectingRows(rows), labels.selectingRows(rows))
    }
}
