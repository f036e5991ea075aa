import Datasets
import Foundation
import KAN
import Optimization
import Symbolic

/// Settings of a distillation: which functions edges may become, how simplicity is traded for fit, how much
/// the constants are retrained and how the formula is rounded.
public struct DistillOptions: Sendable {
    public var library: FunctionLibrary
    /// pykan's `weight_simple`.
    public var weightSimple: Double
    /// Edges whose best fit has a lower r2 stay splines (pykan's `r2_threshold`).
    public var r2Threshold: Double
    /// LBFGS steps after fixing, refining the constants of the fixed edges (pykan's `fit` after `auto_symbolic`).
    public var retrainSteps: Int
    /// Significant digits of the printed formula; more are kept where rounding would raise the test error.
    public var significantDigits: Int

    public init(library: FunctionLibrary, weightSimple: Double = 0.8, r2Threshold: Double = 0, retrainSteps: Int = 50,
                significantDigits: Int = 4) {
        self.library = library
        self.weightSimple = weightSimple
        self.r2Threshold = r2Threshold
        self.retrainSteps = retrainSteps
        self.significantDigits = significantDigits
    }
}

/// What a distillation produced: the lines printed while fixing, one formula per output, and the errors of the
/// formula next to the network's on the test set. When `r2Threshold` kept edges as splines there is no formula:
/// `formulas` is empty, `splineEdges` names those edges, and the formula's errors are NaN.
public struct DistillationReport: Sendable {
    public var fixingLines: [String]
    /// Simplified and rounded, in the dataset's variable names; empty when edges stayed splines.
    public var formulas: [Expr]
    /// The edges left as splines; the retrained model mixes them with fixed edges.
    public var splineEdges: [EdgeID]
    public var networkTestRMSE: Double
    public var networkTestR2: Double
    public var formulaTestRMSE: Double
    public var formulaTestR2: Double
    /// For 0/1 labels: accuracy with outputs rounded to 0 or 1.
    public var networkTestAccuracy: Double?
    public var formulaTestAccuracy: Double?
    /// The significant digits the formula kept.
    public var digits: Int
    /// Per formula, its constants with the standard errors the training rows give them at their written values
    /// (`FittedConstant.errors(of:...)`), in printed order.
    public var constants: [[FittedConstant]] = []
}

/// Turns a trained KAN into formulas: pykan's `auto_symbolic`, a retraining of the fixed edges' constants,
/// `symbolic_formula`, then simplification and rounding that is accepted only while the formula's test error
/// stays within 10% of the unrounded formula's.
public enum Distiller {
    /// Distills the trained `model` into a formula per output on `data` (pykan's `auto_symbolic`, retraining of the
    /// affine parameters, `symbolic_formula`, then simplification and rounding checked on the test rows); the
    /// model's edges are fixed to their library functions in place. `report` hears each edge's choice
    /// (`fixing (0,2,0) with sin, r2=0.99999, c=2`).
    public static func distill(_ model: inout KANModel, data: Dataset, options: DistillOptions,
                               report: (String) -> Void = { _ in }) throws -> DistillationReport {
        guard (1...15).contains(options.significantDigits) else {
            throw DistillationError.invalidOption(name: "significant digits", value: "\(options.significantDigits)", reason: "must be between 1 and 15")
        }
        guard model.outputCount == data.trainLabels.columns else {
            throw DistillationError.outputMismatch(outputs: model.outputCount, labelColumns: data.trainLabels.columns)
        }
        let lines = try model.autoSymbolic(library: options.library, samples: data.trainInputs,
                                           weightSimple: options.weightSimple, r2Threshold: options.r2Threshold, report: report)
        if options.retrainSteps > 0 {
            do {
                try model.fit(data, options: FitOptions(steps: options.retrainSteps, updateGrid: false))
            } catch {
                guard case .nonFiniteLoss = error else { throw error }
                report("retraining stopped early: the loss left the functions' domains; keeping the last finite constants")
            }
        }
        let networkPredictions = try model(data.testInputs)
        let labels = data.testLabels
        let binary = labels.columns == 1 && labels.values.allSatisfy { $0 == 0 || $0 == 1 }
        /// For 0/1 labels: the share of outputs that round to their label.
        func accuracy(_ predictions: Matrix) -> Double { Metrics.accuracy(Metrics.classes(predictions, classCount: 2), labels) }
        // Edges left as splines (below the r2 threshold) leave no formula to compose.
        let splineEdges = model.splineEdges
        let formula = splineEdges.isEmpty ? try roundedFormulas(of: model, data: data, fewestDigits: options.significantDigits) : nil
        var report = DistillationReport(
            fixingLines: lines, formulas: formula?.formulas ?? [], splineEdges: splineEdges,
            networkTestRMSE: Metrics.rmse(networkPredictions, labels), networkTestR2: Metrics.r2(networkPredictions.values, labels.values),
            formulaTestRMSE: formula?.errors?.rmse ?? .nan, formulaTestR2: formula?.errors?.r2 ?? .nan,
            networkTestAccuracy: binary ? accuracy(networkPredictions) : nil,
            formulaTestAccuracy: binary ? formula?.errors.map { accuracy(Matrix(rows: labels.rows, columns: 1, values: $0.predictions)) } : nil,
            digits: formula?.digits ?? 0)
        report.constants = constantErrors(report.formulas, data: data)
        return report
    }

    /// Each formula's constants with their standard errors on the training rows (in the data's own units); none
    /// when the formulas are not one per label column (class scores fitted by cross-entropy).
    private static func constantErrors(_ formulas: [Expr], data: Dataset) -> [[FittedConstant]] {
        guard formulas.count == data.trainLabels.columns else { return formulas.map { _ in [] } }
        let inputs = data.standardization?.raw(data.trainInputs) ?? data.trainInputs
        let rows = (0..<inputs.rows).map { inputs.row($0) }
        return formulas.enumerated().map { output, formula in
            FittedConstant.errors(of: formula, variables: data.inputVariables, rows: rows, targets: data.trainLabels.column(output))
        }
    }

    /// The model's formulas in the dataset's variable names, simplified and rounded to the fewest significant
    /// digits (from `fewestDigits`) that keep the test RMSE within 10% of the unrounded formulas' or within a
    /// millionth of the labels' standard deviation of it (so an exact law loses its 1.0000000000064), with their
    /// test errors (nil where a formula is undefined on some test row).
    private static func roundedFormulas(of model: KANModel, data: Dataset, fewestDigits: Int) throws
        -> (formulas: [Expr], digits: Int, errors: (rmse: Double, r2: Double, predictions: [Double])?) {
        let labels = data.testLabels
        // Column names become variable names the parser reads back: `max-hr` is `max_hr`, a column `E` is `E_1`.
        let variables = data.inputVariables
        var raw = try model.symbolicFormula(variables: variables).map { $0.simplified() }
        var testInputs = data.testInputs
        // A model trained on standardised inputs gives formulas of the raw columns, as the data's user reads them.
        if let standardization = data.standardization {
            raw = raw.map { standardization.inDataUnits($0, variables: variables) }
            testInputs = standardization.raw(testInputs)
        }
        let rows = (0..<testInputs.rows).map { testInputs.row($0) }
        guard let base = Distiller.errors(raw, rows: rows, variables: variables, labels: labels) else { return (raw, 17, nil) }
        let spread = Metrics.standardDeviation(labels.values)
        // Fewest digits first, each tried with snapping (to integers, quarters and multiples of pi) and without;
        // the first that keeps the test error within 10% wins.
        for candidate in fewestDigits...15 {
            for snapping in [true, false] {
                let settings = RoundingSettings(significantDigits: candidate, snapToIntegers: snapping,
                                                maxDenominator: snapping ? 4 : 0, snapToPi: snapping, snapTolerance: 1e-4)
                // Twice: simplifying multiplies rounded numbers into new long ones (0.5*x times 2.000000813*y).
                let rounded = raw.map { $0.rounded(settings).simplified().rounded(settings).simplified() }
                if let result = Distiller.errors(rounded, rows: rows, variables: variables, labels: labels),
                   result.rmse <= max(1.1 * base.rmse, base.rmse + 1e-6 * spread) {
                    return (rounded, candidate, result)
                }
            }
        }
        return (raw, 17, base)
    }

    /// The formulas' predictions on `rows` (row-major, like `labels`), their RMSE and r2; nil where a formula
    /// is undefined or not finite on some row.
    static func errors(_ formulas: [Expr], rows: [[Double]], variables: [String], labels: Matrix) -> (rmse: Double, r2: Double, predictions: [Double])? {
        var columns: [[Double]] = []
        for formula in formulas {
            guard let values = try? formula.evaluate(rows: rows, variables: variables), values.allSatisfy(\.isFinite) else { return nil }
            columns.append(values)
        }
        guard columns.count == labels.columns else { return nil }
        var predictions: [Double] = []
        for row in 0..<labels.rows { for column in columns { predictions.append(column[row]) } }
        return (Metrics.rmse(predictions, labels.values), Metrics.r2(predictions, labels.values), predictions)
    }
}
