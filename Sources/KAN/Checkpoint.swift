import Datasets
import Files
import Foundation

/// A saved model: JSON with a format version, the model (configuration, grids, coefficients, scales, masks,
/// node affines) and, when known, where its data came from and their fingerprint (so a changed file is noticed).
public struct Checkpoint: Codable, Sendable, Equatable {
    /// The version this build writes. Version 2 added multiplication nodes (`multArity`, a layer's
    /// `multiplication`); a version 1 file has none and loads as it is.
    public static let currentFormatVersion = 2
    /// The versions this build reads.
    public static let readableFormatVersions = 1...2

    public var formatVersion: Int
    public var model: KANModel
    public var data: DataSource?
    /// The data the model was saved with; nil in files written before fingerprints.
    public var dataFingerprint: DataFingerprint?
    /// The names of the model's inputs and outputs (the data's columns), so new rows are read by name in any
    /// column order; nil in files written before names were saved.
    public var inputNames: [String]?
    public var outputNames: [String]?
    /// How the inputs were standardised for the model, applied to new rows before predicting.
    public var standardization: Standardization?
    /// Each input's smallest and largest value in the data, in its own units: beyond them, predictions extrapolate.
    public var inputRanges: [ClosedRange<Double>]?

    public init(model: KANModel, data: DataSource? = nil, dataset: Dataset? = nil) {
        formatVersion = Checkpoint.currentFormatVersion
        self.model = model
        self.data = data
        dataFingerprint = dataset.map(DataFingerprint.init)
        inputNames = dataset?.inputNames
        outputNames = dataset?.outputNames
        standardization = dataset?.standardization
        inputRanges = dataset?.inputRanges
    }

    /// Writes the checkpoint with `AtomicFile`: an existing file is either replaced whole (keeping its
    /// permissions) or left as it was; a directory, device, FIFO or read-only file is refused; a symbolic link is
    /// followed.
    public func save(to url: URL) throws(KANError) {
        let data: Data
        do { data = try JSONEncoder.pretty.encode(self) } catch {
            throw .io(file: url.path, reason: "cannot save: cannot encode the model (\(error))")
        }
        do { try AtomicFile.write(data, to: url.path) } catch {
            throw .io(file: url.path, reason: "cannot save: \(error.reason)")
        }
    }

    /// Reads and checks a checkpoint; a truncated, corrupt or inconsistent file is an error saying what is wrong.
    public static func load(from url: URL) throws(KANError) -> Checkpoint {
        let data: Data
        do { data = try FileReader.data(at: url.path) } catch { throw .invalidCheckpoint(file: url.path, reason: error.reason) }
        return try decode(data, file: url.path)
    }

    /// Decodes and checks checkpoint JSON; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws(KANError) -> Checkpoint {
        struct Version: Decodable { let formatVersion: Int? }
        let expected = "a checkpoint (an object with formatVersion and model, as kan train --save writes)"
        do {
            let version = try JSONDocument.decode(Version.self, from: data, expected: expected)
            guard let format = version.formatVersion else {
                throw KANError.invalidCheckpoint(file: file, reason: "it is JSON, but not \(expected): at the top level, 'formatVersion' is missing")
            }
            guard readableFormatVersions.contains(format) else {
                throw KANError.invalidCheckpoint(file: file, reason: "format version \(format), this build reads \(readableFormatVersions.lowerBound) to \(readableFormatVersions.upperBound)")
            }
            let checkpoint = try JSONDocument.decode(Checkpoint.self, from: data, expected: expected)
            if let problem = checkpoint.model.inconsistency() ?? checkpoint.namesInconsistency() {
                throw KANError.invalidCheckpoint(file: file, reason: problem)
            }
            return checkpoint
        } catch let error as KANError {
            throw error
        } catch {
            throw .invalidCheckpoint(file: file, reason: "\(error)")
        }
    }
}

extension Checkpoint {
    /// What is wrong with the saved names, standardisation and ranges against the model's shape, or nil.
    func namesInconsistency() -> String? {
        let counts: [(String, Int?, Int)] = [
            ("inputNames", inputNames?.count, model.inputCount), ("outputNames", outputNames?.count, model.outputCount),
            ("standardization.means", standardization?.means.count, model.inputCount),
            ("standardization.scales", standardization?.scales.count, model.inputCount),
            ("inputRanges", inputRanges?.count, model.inputCount),
        ]
        for case let (field, found?, wanted) in counts where found != wanted {
            return "\(field) has \(found) entries for a model of \(wanted)"
        }
        if let names = inputNames {
            var seen = Set<String>()
            if let repeated = names.first(where: { !seen.insert($0).inserted }) { return "input '\(repeated)' is named twice in inputNames" }
            if let output = outputNames?.first(where: names.contains) { return "'\(output)' is both an input and an output" }
        }
        if let scales = standardization?.scales, !scales.allSatisfy({ $0.isFinite && $0 > 0 }) {
            return "standardization.scales must be finite and positive"
        }
        return nil
    }
}

extension KANModel {
    /// What is wrong with a model read from outside (shapes that disagree, unsorted knots, non-finite
    /// numbers), or nil.
    func inconsistency() -> String? {
        do { try configuration.validate() } catch { return error.description }
        guard layers.count == width.count - 1 else { return "\(layers.count) layers for width \(width)" }
        for (l, layer) in layers.enumerated() {
            let name = "layer \(l)"
            guard layer.inputs == width[l], layer.nodes == width[l + 1] else {
                return "\(name) maps \(layer.inputs) to \(layer.nodes) nodes, width says \(width[l]) to \(width[l + 1])"
            }
            guard layer.multiplicationArities == configuration.multiplicationArities(ofNodeLayer: l + 1),
                  layer.multiplicationArities.allSatisfy({ $0 >= 2 }), layer.sumNodes >= 0 else {
                return "\(name) has multiplication arities \(layer.multiplicationArities), the configuration says \(configuration.multiplicationArities(ofNodeLayer: l + 1))"
            }
            guard layer.gridSize == configuration.grid, layer.order == configuration.order else {
                return "\(name) has grid \(layer.gridSize), k \(layer.order); the configuration says grid \(configuration.grid), k \(configuration.order)"
            }
            let edges = layer.inputs * layer.outputs
            let expected: [(String, Int, Int)] = [
                ("coefficients", layer.coefficients.count, edges * layer.coefficientsPerEdge),
                ("scaleBase", layer.scaleBase.count, edges), ("scaleSpline", layer.scaleSpline.count, edges),
                ("mask", layer.mask.count, edges), ("knots", layer.knots.count, layer.inputs),
                ("symbolic", layer.symbolic.count, edges),
                ("nodeScale", layer.nodeScale.count, layer.nodes), ("nodeBias", layer.nodeBias.count, layer.nodes),
                ("subnodeScale", layer.subnodeScale.count, layer.outputs), ("subnodeBias", layer.subnodeBias.count, layer.outputs),
            ]
            for (field, found, wanted) in expected where found != wanted {
                return "\(name) has \(found) \(field), expected \(wanted)"
            }
            for (i, knots) in layer.knots.enumerated() {
                guard knots.count == layer.gridSize + 2 * layer.order + 1 else {
                    return "\(name), input \(i) has \(knots.count) knots, expected \(layer.gridSize + 2 * layer.order + 1)"
                }
                guard zip(knots, knots.dropFirst()).allSatisfy({ $0 < $1 }), knots.allSatisfy(\.isFinite) else {
                    return "\(name), input \(i): knots are not finite and increasing"
                }
            }
            for (e, edge) in layer.symbolic.enumerated() {
                guard let edge else { continue }
                let k = edge.constants
                guard [k.a, k.b, k.c, k.d].allSatisfy(\.isFinite) else { return "\(name), edge \(e): a NaN or infinite constant" }
            }
            let numbers = layer.coefficients + layer.scaleBase + layer.scaleSpline + layer.mask + layer.nodeScale
                + layer.nodeBias + layer.subnodeScale + layer.subnodeBias
            if !numbers.allSatisfy(\.isFinite) { return "\(name) has a NaN or infinite parameter" }
        }
        return nil
    }
}
