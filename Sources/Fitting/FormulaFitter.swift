import Foundation
import Symbolic

/// Least squares on all free constants of a formula at once (see `Expr.parametrized`), with GSL's
/// Levenberg-Marquardt and the analytic Jacobian from the symbolic derivatives: the structure stays, the constants
/// become the best the data allow. Used to polish a distilled formula before its constants are snapped.
public struct FormulaFitter: Sendable {
    public var maxIterations: Int

    public init(maxIterations: Int = 100) {
        self.maxIterations = maxIterations
    }

    /// A refitted formula and its root mean square error on the rows.
    public struct Result: Sendable {
        public var formula: Expr
        public var rmse: Double
    }

    /// Refits `formula`'s free constants to `targets` on `rows` (values of `variables`, in order). A formula
    /// without free constants comes back as it is, with its error. Throws when the formula cannot be evaluated
    /// on the rows at all.
    public func fit(_ formula: Expr, variables: [String], rows: [[Double]], targets: [Double]) throws(FittingError) -> Result {
        guard rows.count == targets.count, !rows.isEmpty else { throw .invalidData("\(rows.count) rows for \(targets.count) targets") }
        let parametrized = formula.parametrized()
        let names = parametrized.names
        let all = variables + names
        let value: @Sendable ([Double]) throws(EvaluationError) -> Double
        let slopes: [@Sendable ([Double]) throws(EvaluationError) -> Double]
        do {
            value = try parametrized.template.compiled(variables: all)
            slopes = try names.map { name throws(EvaluationError) in
                try parametrized.template.derivative(with: name).simplified().compiled(variables: all)
            }
        } catch {
            throw .invalidData("the formula \(formula) is not a function of \(variables): \(error)")
        }
        var point = [Double](repeating: 0, count: all.count)
        func residuals(_ parameters: [Double], into r: UnsafeMutablePointer<Double>) {
            for (slot, p) in parameters.enumerated() { point[variables.count + slot] = p }
            for (i, row) in rows.enumerated() {
                for (slot, x) in row.enumerated() { point[slot] = x }
                let v = (try? value(point)) ?? .nan
                r[i] = v.isFinite ? v - targets[i] : 1e10
            }
        }
        func rmse(_ parameters: [Double]) -> Double {
            var r = [Double](repeating: 0, count: rows.count)
            r.withUnsafeMutableBufferPointer { residuals(parameters, into: $0.baseAddress!) }
            return (r.reduce(0) { $0 + $1 * $1 } / Double(rows.count)).squareRoot()
        }
        let start = parametrized.values
        guard !names.isEmpty, rows.count > names.count else { return Result(formula: formula, rmse: rmse(start)) }
        let solved = try LevenbergMarquardt(maxIterations: maxIterations).minimize(
            start: start, residualCount: rows.count,
            residuals: { parameters, r in residuals(parameters, into: r) },
            jacobian: { parameters, jacobian in
                for (slot, p) in parameters.enumerated() { point[variables.count + slot] = p }
                for (i, row) in rows.enumerated() {
                    for (slot, x) in row.enumerated() { point[slot] = x }
                    let defined = ((try? value(point)) ?? .nan).isFinite
                    for (j, slope) in slopes.enumerated() {
                        let d = defined ? ((try? slope(point)) ?? 0) : 0
                        jacobian[i * names.count + j] = d.isFinite ? d : 0
                    }
                }
            })
        let before = rmse(start), after = rmse(solved.parameters)
        // Keep the start when the fit did not improve it (a start outside the basin, or no finite error).
        guard after.isFinite, after < before || !before.isFinite else { return Result(formula: formula, rmse: before) }
        return Result(formula: parametrized.expression(with: solved.parameters).simplified(), rmse: after)
    }
}
