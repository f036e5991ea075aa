import ArgumentParser
import KAN

/// The splines of a new model: grid, order and seed (shared by `train` and `compare`).
struct SplineOptions: ParsableArguments {
    @Option(help: "Grid intervals G.")
    var grid = 5

    @Option(help: "Spline order k.")
    var k = 3

    @Option(help: "Seed of the model's initialisation.")
    var seed: UInt64 = 0

    /// The configuration of a model of `width` with these splines.
    func configuration(width: [Int]) -> KANConfiguration {
        KANConfiguration(width: width, grid: grid, order: k, seed: seed)
    }
}

/// The shape of a new model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Nodes per layer, inputs first, e.g. 2,5,1 (default: inputs,5,outputs).")
    var width: String?

    @OptionGroup var splines: SplineOptions

    /// The configuration for data with `inputs` features and `outputs` outputs.
    func configuration(inputs: Int, outputs: Int) throws -> KANConfiguration {
        let layers = try width.map { try widths($0, option: "--width", inputs: inputs) } ?? [inputs, 5, outputs]
        guard layers.last == outputs else {
            throw CommandFailure("--width \(layers.map(String.init).joined(separator: ",")) ends with \(layers.last ?? 0) outputs, the loss needs \(outputs)")
        }
        return splines.configuration(width: layers)
    }
}
