import ArgumentParser
import Files
import Foundation
import KAN

/// `kan refine`: grid extension of a saved model.
struct RefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refine",
        abstract: "Move a saved model to a finer (or coarser) grid, keeping its splines; print its errors.",
        discussion: "kan refine model.json --grid 10 --save model10.json, then kan train --from model10.json --steps 50")

    @Argument(help: "The saved model.")
    var model: String

    @Option(parsing: .unconditional, help: "The new number of grid intervals.", transform: Checked.whole(1...Int.max))
    var grid: Int

    @OptionGroup var data: DataOptions

    @Option(help: "Save the refined model to this file.")
    var save: String?

    func run() throws {
        try reportingFailures {
            let (checkpoint, source, dataset) = try data.savedModel(at: model, outputs: [OutputPath(option: "--save", path: save, kind: .checkpoint)])
            var configuration = checkpoint.model.configuration
            configuration.grid = grid
            try checkModelSize(configuration, rows: dataset.trainInputs.rows + min(grid, Int.max - dataset.trainInputs.rows), trainingRows: dataset.trainInputs.rows,
                               options: [.leastSquares: "--grid", .pass: "the rows of the model's data", .parameters: "--grid"])
            let refined = try checkpoint.model.refined(grid: grid, samples: dataset.trainInputs)
            FileHandle.standardError.write(Data("grid \(checkpoint.model.configuration.grid) -> \(grid)\n".utf8))
            try printErrors(of: refined, on: dataset, source: source, loss: .mse)
            if let save { try Checkpoint(model: refined, data: source, dataset: dataset).save(to: URL(fileURLWithPath: save)) }
        }
    }
}
