import ArgumentParser
import Comparison
import Datasets
import Files
import Foundation
import KAN
import MLP
import Optimization

extension MLPModel.Activation: ExpressibleByArgument {}

/// `kan compare`: a KAN and an MLP trained on the same split, side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train a KAN and an MLP on the same data; print accuracy (or RMSE), parameters and training time.",
        discussion: """
            kan compare --data heart.csv --target target --kan-width 13,1 --grid 3 --k 3 --steps 40 --mlp-width 13,16,2 --epochs 100
            kan compare --mnist ../shared/data/mnist01 --kan-width 784,10,1 --grid 10 --k 5 --steps 20 --mlp-width 784,100,2 --epochs 10
            """)

    @OptionGroup var data: DataOptions

    @Option(help: "A folder of MNIST-style IDX files (train-images-idx3-ubyte.gz, ...).")
    var mnist: String?

    @Option(name: .customLong("train-limit"), parsing: .unconditional, help: "Use only the first N training images of --mnist.", transform: Checked.whole(1...Int.max))
    var trainLimit: Int?

    @Option(name: .customLong("kan-width"), help: "KAN width (default: inputs,1, or inputs,classes for more than two classes).")
    var kanWidth: String?

    @Option(name: .customLong("mult-arity"), help: "Subnodes multiplied by each multiplication node of --kan-width.")
    var multArity = "2"

    @OptionGroup(title: "KAN") var splines: SplineOptions

    @OptionGroup(title: "KAN training") var schedule: ScheduleOptions

    @Option(name: .customLong("mlp-width"), help: "MLP widths (default: inputs,min(100,max(16,2*inputs)),classes).")
    var mlpWidth: String?

    @Option(parsing: .unconditional, help: "MLP epochs (default: 10).", transform: Checked.whole(0...Int.max))
    var epochs = 10

    @Option(parsing: .unconditional, help: "MLP mini-batch size (default: 32).", transform: Checked.whole(1...Int.max))
    var batch = 32

    @Option(parsing: .unconditional, help: "MLP Adam learning rate (default: 1e-3).", transform: Checked.number(.positive))
    var lr = 1e-3

    @Option(help: "MLP activation: relu, sigmoid, tanh or silu.")
    var activation: MLPModel.Activation = .relu

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            if mnist != nil, data.isGiven { throw CommandFailure("give either --mnist FOLDER or --data/--function, not both") }
            if mnist != nil, case let ignored = data.givenWithoutSource, !ignored.isEmpty {
                throw CommandFailure("\(ignored.joined(separator: ", ")) \(ignored.count == 1 ? "describes" : "describe") --data or --function; --mnist reads the IDX files' own split: leave \(ignored.count == 1 ? "it" : "them") out")
            }
            if mnist == nil, trainLimit != nil { throw CommandFailure("--train-limit applies to --mnist images only") }
            let source: DataSource = try mnist.map { .idx(folder: URL(fileURLWithPath: $0).standardizedFileURL.path, trainLimit: trainLimit) } ?? data.source()
            let dataset = try source.loadReportingSkippedRows()
            let inputs = dataset.trainInputs.columns
            let kanShape = try kanWidth.map { try widthSpecification($0, arity: multArity, option: "--kan-width", inputs: inputs) }
                ?? WidthSpecification(width: ModelComparison.defaultKANWidth(for: dataset))
            let comparison = ModelComparison(
                kan: splines.configuration(width: kanShape.width, multArity: kanShape.multArity),
                kanFit: FitOptions(steps: schedule.steps, regularization: schedule.regularization, updateGrid: schedule.updateGrid ?? (mnist == nil)),
                mlpWidths: try mlpWidth.map { try widths($0, option: "--mlp-width", inputs: inputs) } ?? ModelComparison.defaultMLPWidths(for: dataset),
                mlpActivation: activation, mlpTraining: MLPTrainingOptions(epochs: epochs, batchSize: batch, learningRate: lr))
            try checkModelSize(comparison.kan, rows: dataset.trainInputs.rows, trainingRows: dataset.trainInputs.rows,
                               options: [.leastSquares: "--grid", .pass: "the rows of the data", .parameters: "--kan-width"])
            let entries: [ComparisonEntry]
            do { entries = try comparison.run(on: dataset).entries } catch KANError.nonFiniteLoss(let step) {
                throw FiniteResults.trainingFailure(step: step, dataset: dataset, source: source,
                                                    options: schedule.lamb > 0 ? [("--lamb", schedule.lamb.formatted)] : [])
            } catch MLPError.nonFiniteLoss(let epoch) {
                let failure = FiniteResults.trainingFailure(epoch: epoch, dataset: dataset, source: source, options: [("--lr", lr.formatted)])
                throw CommandFailure("MLP: \(failure)")
            }
            for entry in entries { try entry.checkFinite(on: source) }
            if json {
                print(String(decoding: try JSONEncoder.pretty.encode(entries), as: UTF8.self))
                return
            }
            print("train rows: \(dataset.trainInputs.rows), test rows: \(dataset.testInputs.rows)")
            print(ComparisonEntry.text(entries), terminator: "")
        }
    }
}
