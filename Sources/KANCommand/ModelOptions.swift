import ArgumentParser
import KAN

/// The splines of a new model: grid, order and seed (shared by `train` and `compare`).
struct SplineOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Grid intervals G (default: 5).", transform: Checked.whole(1...Int.max))
    var grid: Int?

    @Option(parsing: .unconditional, help: "Spline order k (default: 3).", transform: Checked.whole(0...10))
    var k: Int?

    @Option(parsing: .unconditional, help: "Seed of the model's initialisation (default: 0).", transform: Checked.seed)
    var seed: UInt64?

    /// The options given on the command line, as `--grid`, `--k`, `--seed`.
    var given: [String] {
        [grid.map { _ in "--grid" }, k.map { _ in "--k" }, seed.map { _ in "--seed" }].compactMap { $0 }
    }

    /// The configuration of a model of `width` with these splines.
    func configuration(width: [Int], multArity: [[Int]]? = nil) -> KANConfiguration {
        KANConfiguration(width: width, grid: grid ?? 5, order: k ?? 3, seed: seed ?? 0, multArity: multArity)
    }
}

/// The shape of a new model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Nodes per layer, inputs first, e.g. 2,5,1; a layer with multiplication nodes as [sum,mult], e.g. 2,[0,1],1 (default: inputs,5,outputs).")
    var width: String?

    @Option(name: .customLong("mult-arity"), help: "Subnodes multiplied by each multiplication node: one number, or one list per layer as [[],[2,3],[]] (default: 2).")
    var multArity: String?

    @OptionGroup var splines: SplineOptions

    /// The options given on the command line that shape a new model, as `--width`, `--grid` ...
    var given: [String] {
        [width.map { _ in "--width" }, multArity.map { _ in "--mult-arity" }].compactMap { $0 } + splines.given
    }

    /// The configuration for data with `inputs` features and `outputs` outputs.
    func configuration(inputs: Int, outputs: Int) throws -> KANConfiguration {
        let specification = try width.map { try widthSpecification($0, arity: multArity ?? "2", option: "--width", inputs: inputs) }
            ?? WidthSpecification(width: [inputs, 5, outputs])
        let layers = specification.width
        guard layers.last == outputs else {
            throw CommandFailure("--width \(width ?? "") ends with \(layers.last ?? 0) outputs, the loss needs \(outputs)")
        }
        return splines.configuration(width: layers, multArity: specification.multArity)
    }
}
