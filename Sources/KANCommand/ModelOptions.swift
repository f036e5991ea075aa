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
    func configuration(width: [Int], multArity: [[Int]]? = nil) -> KANConfiguration {
        KANConfiguration(width: width, grid: grid, order: k, seed: seed, multArity: multArity)
    }
}

/// The shape of a new model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Nodes per layer, inputs first, e.g. 2,5,1; a layer with multiplication nodes as [sum,mult], e.g. 2,[0,1],1 (default: inputs,5,outputs).")
    var width: String?

    @Option(name: .customLong("mult-arity"), help: "Subnodes multiplied by each multiplication node: one number, or one list per layer as [[],[2,3],[]].")
    var multArity = "2"

    @OptionGroup var splines: SplineOptions

    /// The configuration for data with `inputs` features and `outputs` outputs.
    func configuration(inputs: Int, outputs: Int) throws -> KANConfiguration {
        let specification = try width.map { try widthSpecification($0, arity: multArity, option: "--width", inputs: inputs) }
            ?? WidthSpecification(width: [inputs, 5, outputs])
        let layers = specification.width
        guard layers.last == outputs else {
            throw CommandFailure("--width \(width ?? "") ends with \(layers.last ?? 0) outputs, the loss needs \(outputs)")
        }
        return splines.configuration(width: layers, multArity: specification.multArity)
    }
}
