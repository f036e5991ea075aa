import ArgumentParser
import KAN

/// The shape of a new model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Nodes per layer, inputs first, e.g. 2,5,1 (default: inputs,5,outputs).")
    var width: String?

    @Option(help: "Grid intervals G.")
    var grid = 5

    @Option(help: "Spline order k.")
    var k = 3

    @Option(help: "Seed of the model's initialisation.")
    var seed: UInt64 = 0

    /// The configuration for data with `inputs` features and `outputs` outputs.
    func configuration(inputs: Int, outputs: Int) throws -> KANConfiguration {
        var layers = [inputs, 5, outputs]
        if let width {
            let parts = width.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { throw CommandFailure("--width: expected numbers like 2,5,1, got '\(width)'") }
            layers = parts.map { $0! }
        }
        guard layers.first == inputs else {
            throw CommandFailure("--width \(layers.map(String.init).joined(separator: ",")) starts with \(layers.first ?? 0) inputs, the data has \(inputs)")
        }
        guard layers.last == outputs else {
            throw CommandFailure("--width \(layers.map(String.init).joined(separator: ",")) ends with \(layers.last ?? 0) outputs, the loss needs \(outputs)")
        }
        return KANConfiguration(width: layers, grid: grid, order: k, seed: seed)
    }
}
