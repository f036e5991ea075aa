import Datasets
import Foundation
import KAN
import MLP
import Optimization

/// A KAN and an MLP trained on the same split and measured the same way (accuracy or RMSE, parameters, training
/// seconds): what `kan compare` and the heart-disease and MNIST examples print.
///
///     let comparison = ModelComparison(kan: KANConfiguration(width: [13, 1], grid: 3, order: 3),
///                                      kanFit: FitOptions(steps: 40), mlpWidths: [13, 16, 2],
///                                      mlpTraining: MLPTrainingOptions(epochs: 100))
///     for entry in try comparison.run(on: data).entries { print(entry.name, entry.testAccuracy!) }
public struct ModelComparison: Sendable {
    public var kan: KANConfiguration
    /// The KAN's training. Its loss is the comparison's choice: cross-entropy for a classifier with an output per
    /// class, else the mean squared error.
    public var kanFit: FitOptions
    /// The MLP's layer widths, inputs first.
    public var mlpWidths: [Int]
    public var mlpActivation: MLPModel.Activation
    /// The MLP's training; its loss is chosen as the KAN's, its seed is the KAN's.
    public var mlpTraining: MLPTrainingOptions

    public init(kan: KANConfiguration, kanFit: FitOptions, mlpWidths: [Int], mlpActivation: MLPModel.Activation = .relu,
                mlpTraining: MLPTrainingOptions) {
        self.kan = kan
        self.kanFit = kanFit
        self.mlpWidths = mlpWidths
        self.mlpActivation = mlpActivation
        self.mlpTraining = mlpTraining
    }

    /// A KAN without hidden layers: one output, or one per class when there are more than two.
    public static func defaultKANWidth(for data: Dataset) -> [Int] {
        let classes = data.classCount ?? 1
        return [data.trainInputs.columns, classes > 2 ? classes : 1]
    }

    /// One hidden layer of twice the inputs (16 to 100 units), one output per class (one for regression).
    public static func defaultMLPWidths(for data: Dataset) -> [Int] {
        let inputs = data.trainInputs.columns
        return [inputs, min(100, max(16, 2 * inputs)), data.classCount ?? 1]
    }

    /// The trained models and their entries, KAN first. Training that diverges throws the model's own error
    /// (`KANError.nonFiniteLoss`, `MLPError.nonFiniteLoss`).
    public func run(on data: Dataset) throws -> (entries: [ComparisonEntry], kan: KANModel, mlp: MLPModel) {
        let classification = data.classCount != nil
        func loss(outputs: Int) -> LossFunction { classification && outputs > 1 ? .crossEntropy : .meanSquaredError }
        var kanModel = try KANModel(kan)
        var fit = kanFit
        fit.loss = loss(outputs: kan.width.last ?? 1)
        let history = try kanModel.fit(data, options: fit)
        let kanEntry = Metrics.entry(name: "KAN \(kanModel.configuration.widthDescription)", parameters: kanModel.parameterCount,
                                     seconds: history.seconds, train: try kanModel(data.trainInputs),
                                     test: try kanModel(data.testInputs), data: data)
        var mlp = try MLPModel(widths: mlpWidths, activation: mlpActivation, seed: kan.seed)
        var training = mlpTraining
        (training.loss, training.seed) = (loss(outputs: mlpWidths.last ?? 1), kan.seed)
        let (_, seconds) = try mlp.train(data, options: training)
        let mlpEntry = Metrics.entry(name: "MLP \(mlpWidths)", parameters: mlp.parameterCount, seconds: seconds,
                                     train: try mlp(data.trainInputs), test: try mlp(data.testInputs), data: data)
        return ([kanEntry, mlpEntry], kanModel, mlp)
    }
}
