import Datasets
import Files
import Foundation
import KAN
import Symbolic

/// A saved model or a discovered formula applied to new rows (`kan predict`): a checkpoint (`Checkpoint.save`) or
/// a discovery result (`DiscoveryReport` as JSON), with the inputs it reads by name, the name of what it predicts
/// and the region of the data it was fitted on (`predict(csv:)`).
public struct Predictor {
    /// What computes the predictions.
    public enum Kind {
        case formula(Expr, variables: [String])
        case model(KANModel, standardization: Standardization?)
    }

    public var kind: Kind
    /// The columns read from each row, in the order the formula or model takes them.
    public var inputNames: [String]
    /// What is predicted: the name of the column written.
    public var outputName: String
    /// The range of each input in the data fitted on, when known.
    public var inputRanges: [ClosedRange<Double>]?
    /// A discovered formula's fitted constants and their covariance, when the result has them.
    public var fittedConstants: (constants: [FittedConstant], covariance: [[Double]])?

    public init(kind: Kind, inputNames: [String], outputName: String, inputRanges: [ClosedRange<Double>]?) {
        self.kind = kind
        self.inputNames = inputNames
        self.outputName = outputName
        self.inputRanges = inputRanges
    }

    /// Reads `file`: a checkpoint (it has `formatVersion`) or a discovery result (it has `formula`), each checked
    /// as that kind, so an error names what is wrong with the file as it is.
    public init(file: String) throws {
        let bytes = try FileReader.data(at: file)
        struct Kinds: Decodable { let formatVersion: Int?, formula: String? }
        let expected = "a checkpoint (kan train --save) or a discovery result (kan discover --save)"
        let kinds: Kinds
        do { kinds = try JSONDocument.decode(Kinds.self, from: bytes, expected: expected) } catch { throw PredictorError("\(file): \(error)") }
        if kinds.formatVersion != nil {
            try self.init(checkpoint: Checkpoint.decode(bytes, file: file), file: file)
        } else if kinds.formula != nil {
            let report: DiscoveryReport
            do { report = try JSONDocument.decode(DiscoveryReport.self, from: bytes, expected: "a discovery result (kan discover --save)") } catch {
                throw PredictorError("\(file): \(error)")
            }
            if let problem = report.inconsistency() { throw PredictorError("\(file): \(problem)") }
            self.init(kind: .formula(try report.expression(), variables: report.variables), inputNames: report.inputs,
                      outputName: report.target, inputRanges: report.inputRanges)
            if let constants = report.constants, let covariance = report.constantsCovariance { fittedConstants = (constants, covariance) }
        } else {
            throw PredictorError("\(file): it is JSON, but not \(expected): it has neither 'formatVersion' nor 'formula'")
        }
    }

    /// A checkpoint's model with its saved names; a checkpoint saved before names were stored takes them (and its
    /// standardisation) from the data it records, on which its outputs must be finite.
    public init(checkpoint: Checkpoint, file: String) throws {
        guard checkpoint.model.outputCount == 1 else {
            throw PredictorError("\(file) has \(checkpoint.model.outputCount) outputs; predict writes models with one output")
        }
        if let names = checkpoint.inputNames {
            self.init(kind: .model(checkpoint.model, standardization: checkpoint.standardization), inputNames: names,
                      outputName: checkpoint.outputNames?.first ?? "prediction", inputRanges: checkpoint.inputRanges)
            return
        }
        guard let recorded = checkpoint.data, let resolved = checkpoint.recordedData(file: file) else {
            throw PredictorError("\(file) records neither its inputs' names nor its data, so its inputs cannot be found by name")
        }
        let training = try resolved.load()
        try FiniteResults.checkOutputs(of: checkpoint.model, on: training, source: recorded, checkpoint: file)
        self.init(kind: .model(checkpoint.model, standardization: training.standardization), inputNames: training.inputNames,
                  outputName: training.outputNames.first ?? "prediction", inputRanges: training.inputRanges)
    }
}

extension Predictor {
    /// How uncertain the predictions are from the fitted constants' errors. Throws for a saved model (a network
    /// has no such errors), and for a formula without fitted constants or saved before their covariance was.
    public func uncertainty(file: String) throws(PredictorError) -> FormulaUncertainty {
        guard case .formula(let formula, let variables) = kind else {
            throw PredictorError("\(file) is a saved model; standard errors come from a discovered formula's fitted constants (kan discover --save)")
        }
        guard let fittedConstants else {
            throw PredictorError("\(file): the formula has no fitted constants with a covariance (all its constants are exact, or the result predates them), so there is no standard error to propagate")
        }
        do {
            return try FormulaUncertainty(formula: formula, variables: variables, constants: fittedConstants.constants,
                                          covariance: fittedConstants.covariance)
        } catch {
            throw PredictorError("\(file): \(error)")
        }
    }
}

/// Why a file cannot be used for predictions, naming the file.
public struct PredictorError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
