import ArgumentParser
import Datasets
import Files
import Foundation
import KAN
import Optimization
import Plotting

/// `kan train`: train a KAN on a formula or a CSV file, print its final errors, optionally save it.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a KAN and print train_rmse and test_rmse.",
        discussion: """
            kan train --function "exp(sin(pi*x1)+x2^2)" --width 2,5,1 --grid 5 --k 3 --steps 50 --lamb 0.001 --save model.json
            kan train --data heart.csv --target target --width 13,1 --grid 3 --k 3 --steps 40
            kan train --from model.json --steps 50 --save model.json
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var training: TrainingOptions

    @Option(help: "Continue training the model saved in this file (its data unless data options are given).")
    var from: String?

    @Option(help: "Save the trained model to this file.")
    var save: String?

    @Option(name: .customLong("plot-loss"), help: "Draw the training curves to this file (.svg, .png or .pdf).")
    var plotLoss: String?

    func run() throws {
        try reportingFailures {
            var (network, source, dataset) = try startingPoint(outputs: [OutputPath(option: "--save", path: save, kind: .checkpoint),
                                                                         OutputPath(option: "--plot-loss", path: plotLoss, kind: .plot)])
            let history: FitHistory
            do {
                history = try network.fit(dataset, options: training.fitOptions, progress: ProgressBar(quiet: training.quiet).report)
            } catch KANError.nonFiniteLoss(let step) {
                throw FiniteResults.trainingFailure(step: step, dataset: dataset, source: source, options: training.divergenceOptions)
            }
            try printErrors(of: network, on: dataset, source: source, loss: training.loss)
            if !training.quiet { FileHandle.standardError.write(Data(String(format: "trained in %.2f s\n", history.seconds).utf8)) }
            if let save { try Checkpoint(model: network, data: source, dataset: dataset).save(to: URL(fileURLWithPath: save)) }
            if let plotLoss { try LossPlotter.draw(history, to: URL(fileURLWithPath: plotLoss)) }
        }
    }

    /// The model to train, where its data comes from, and the data.
    /// `outputs` are checked against the files read before any data are loaded.
    private func startingPoint(outputs: [OutputPath]) throws -> (KANModel, DataSource, Dataset) {
        if let from {
            guard model.given.isEmpty else {
                throw CommandFailure("--from \(from) continues a saved model, whose shape is saved with it; leave out \(model.given.joined(separator: ", ")) (kan refine changes the grid)")
            }
            let (checkpoint, source, dataset) = try data.savedModel(at: from, option: "--from", outputs: outputs)
            return (checkpoint.model, source, dataset)
        }
        let (source, dataset) = try data.loadData(outputs: outputs)
        let outputCount = training.loss == .ce ? try dataset.crossEntropyClassCount() : dataset.trainLabels.columns
        let configuration = try model.configuration(inputs: dataset.trainInputs.columns, outputs: outputCount)
        let rows = training.batch == -1 ? dataset.trainInputs.rows : min(training.batch, dataset.trainInputs.rows)
        try checkModelSize(configuration, rows: rows, trainingRows: dataset.trainInputs.rows,
                           options: [.leastSquares: "--grid", .pass: "--batch", .parameters: "--width"])
        return (try KANModel(configuration), source, dataset)
    }
}

/// Prints `train_rmse:` and `test_rmse:` (and, for classification, `train_accuracy:` and `test_accuracy:`); a
/// non-finite error is an error naming the data instead (`KANModel.measuredError`).
func printErrors(of model: KANModel, on dataset: Dataset, source: DataSource, loss: LossChoice) throws {
    for testRows in [false, true] {
        let (name, value) = try model.measuredError(on: dataset, testRows: testRows, source: source, classifier: loss == .ce)
        print("\(name): \(value)")
    }
}
