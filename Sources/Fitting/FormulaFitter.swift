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

    /// Refits `formula`'s free constants to `targets` on `rows` (values of `variables`, in order), each row's
    /// squared error weighted by `weights` when given. A formula without free constants comes back as it is, with
    /// its error. Throws when the formula cannot be evaluated on the rows at all.
    public func fit(_ formula: Expr, variables: [String], rows: [[Double]], targets: [Double],
                    weights: [Double]? = nil) throws(FittingError) -> Result {
        let parametrized = formula.parametrized()
        let problem = try ConstantProblem(parametrized, variables: variables, rows: rows, targets: targets, weights: weights)
        let start = parametrized.values
        let before = problem.rmse(start)
        guard !start.isEmpty else { return Result(formula: formula, rmse: before) }
        let solved = try problem.refit(start, free: start.map { _ in true }, maxIterations: maxIterations)
        let after = problem.rmse(solved)
        // Keep the start when the fit did not improve it (a start outside the basin, or no finite error).
        guard after.isFinite, after < before || !before.isFinite else { return Result(formula: formula, rmse: before) }
        return Result(formula: parametrized.expression(with: solved).simplified(), rmse: after)
    }
}

/// A parametrized formula's constants as a (weighted) least-squares problem on fixed rows: its RMSE for given
/// values, and a Levenberg-Marquardt refit of any subset of them with the others held.
public struct ConstantProblem: Sendable {
    let value: @Sendable ([Double]) throws(EvaluationError) -> Double
    let slopes: [@Sendable ([Double]) throws(EvaluationError) -> Double]
    let rows: [[Double]]
    let targets: [Double]
    /// Per row, the square root of its weight (residuals and slopes are multiplied by it); nil when unweighted.
    let rootWeights: [Double]?
    /// The weights' sum: the rows' count when unweighted.
    let totalWeight: Double

    /// `weights` (one per row, finite and >= 0, not all 0; 1/sigma^2 for measurement errors sigma) weight each
    /// row's squared error; nil weights every row alike.
    public init(_ parametrized: ParametrizedExpression, variables: [String], rows: [[Double]], targets: [Double],
                weights: [Double]? = nil) throws(FittingError) {
        guard rows.count == targets.count, !rows.isEmpty else { throw .invalidData("\(rows.count) rows for \(targets.count) targets") }
        if let weights {
            guard weights.count == rows.count, weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
                throw .invalidData("\(weights.count) weights for \(rows.count) rows; weights must be finite, >= 0 and not all 0")
            }
        }
        rootWeights = weights?.map { $0.squareRoot() }
        totalWeight = weights?.reduce(0, +) ?? Double(rows.count)
        let all = variables + parametrized.names
        do {
            value = try parametrized.template.compiled(variables: all)
            slopes = try parametrized.names.map { name throws(EvaluationError) in
                try parametrized.template.derivative(with: name).compiled(variables: all)
            }
        } catch {
            throw .invalidData("the formula \(parametrized.template) is not a function of \(variables): \(error)")
        }
        self.rows = rows
        self.targets = targets
    }

    /// The RMSE with the parameters at `values` (weighted: the square root of the weighted mean squared error);
    /// infinite where the formula is undefined on some row.
    public func rmse(_ values: [Double]) -> Double {
        var point = rows[0] + values
        var sum = 0.0
        for (i, (row, target)) in zip(rows, targets).enumerated() {
            Self.place(row, into: &point)
            guard let v = try? value(point), v.isFinite else { return .infinity }
            sum += weight(i) * (v - target) * (v - target)
        }
        return (sum / totalWeight).squareRoot()
    }

    /// Row `i`'s weight: 1 when unweighted.
    private func weight(_ i: Int) -> Double { rootWeights.map { $0[i] * $0[i] } ?? 1 }

    /// Writes a row's values into the first slots of `point` (the parameters follow), so the hot loops reuse one
    /// array instead of concatenating one per row.
    private static func place(_ row: [Double], into point: inout [Double]) {
        for (slot, x) in row.enumerated() { point[slot] = x }
    }

    /// `values` with the parameters marked `free` refitted; the others stay. As it was when nothing is free or
    /// there are not more rows than free parameters.
    public func refit(_ values: [Double], free: [Bool], maxIterations: Int = 100) throws(FittingError) -> [Double] {
        let slots = free.indices.filter { free[$0] }
        guard !slots.isEmpty, rows.count > slots.count else { return values }
        // The row's values, then every parameter (the held ones as given, the free ones as the solver sets them).
        let width = rows[0].count
        var input = rows[0] + values
        func place(_ parameters: [Double]) { for (k, slot) in slots.enumerated() { input[width + slot] = parameters[k] } }
        let solved = try LevenbergMarquardt(maxIterations: maxIterations).minimize(
            start: slots.map { values[$0] }, residualCount: rows.count,
            residuals: { parameters, r in
                place(parameters)
                for (i, row) in rows.enumerated() {
                    Self.place(row, into: &input)
                    let v = (try? value(input)) ?? .nan
                    r[i] = v.isFinite ? (v - targets[i]) * (rootWeights?[i] ?? 1) : 1e10
                }
            },
            jacobian: { parameters, jacobian in
                place(parameters)
                for (i, row) in rows.enumerated() {
                    Self.place(row, into: &input)
                    let defined = ((try? value(input)) ?? .nan).isFinite
                    for (k, slot) in slots.enumerated() {
                        let d = defined ? ((try? slopes[slot](input)) ?? 0) * (rootWeights?[i] ?? 1) : 0
                        jacobian[i * slots.count + k] = d.isFinite ? d : 0
                    }
                }
            })
        var result = values
        for (k, slot) in slots.enumerated() { result[slot] = solved.parameters[k] }
        return result
    }

    /// The standard errors of the parameters marked `free` at `values` (nil for the held ones): the covariance of
    /// a least-squares fit of those parameters, as if they had just been fitted to these rows (`ParameterCovariance`).
    /// With `absoluteSigma` the weights are 1/sigma^2 of known measurement errors and the covariance is not scaled
    /// by the residual variance (scipy's `curve_fit(absolute_sigma=True)`). Throws where the formula has no finite
    /// value or slope on some row, or with no more rows than free parameters.
    public func standardErrors(_ values: [Double], free: [Bool], absoluteSigma: Bool = false) throws(FittingError) -> [Double?] {
        var result: [Double?] = values.map { _ in nil }
        guard let covariance = try covariance(values, free: free, absoluteSigma: absoluteSigma) else { return result }
        for (k, slot) in free.indices.filter({ free[$0] }).enumerated() { result[slot] = covariance.standardErrors[k] }
        return result
    }

    /// The covariance of the parameters marked `free` at `values`, in their order (as `standardErrors`); nil when
    /// none is free.
    public func covariance(_ values: [Double], free: [Bool], absoluteSigma: Bool = false) throws(FittingError) -> ParameterCovariance? {
        let slots = free.indices.filter { free[$0] }
        guard !slots.isEmpty else { return nil }
        var point = rows[0] + values
        var jacobian: [Double] = [], residuals: [Double] = []
        jacobian.reserveCapacity(rows.count * slots.count)
        // A row of weight 0 is no measurement: it does not count among the n of the residual variance.
        for (i, (row, target)) in zip(rows, targets).enumerated() where (rootWeights?[i] ?? 1) > 0 {
            Self.place(row, into: &point)
            guard let value = try? value(point), value.isFinite else { throw .invalidData("the formula has no finite value on a row") }
            let root = rootWeights?[i] ?? 1
            residuals.append((value - target) * root)
            for slot in slots {
                guard let slope = try? slopes[slot](point), slope.isFinite else { throw .invalidData("the formula has no finite slope on a row") }
                jacobian.append(slope * root)
            }
        }
        return try ParameterCovariance(jacobian: jacobian, residuals: residuals, parameters: slots.count, absoluteSigma: absoluteSigma)
    }
}
