import Fitting
import Foundation
import Optimization
import Symbolic

/// Turns a fitted formula's constants into exact ones where the data allow: each constant in turn snaps to the
/// simplest nearby value (0, an integer, a simple fraction, a rational multiple of pi or of 1/pi, a square root of
/// a small integer, of pi or of 2 pi, or its inverse; exponents to halves and thirds) when the formula's error on held-out rows stays within
/// a tolerance relative to the target's spread. Constants that cannot snap are rounded to the fewest significant
/// digits the same tolerance allows.
public struct ConstantSnapper: Sendable {
    /// A snap is kept when the RMSE on the rows grows by at most this share of itself...
    public var relativeTolerance: Double
    /// ...or by at most this share of the targets' standard deviation.
    public var scaleTolerance: Double
    /// When set, the refits after each snap get only the Levenberg-Marquardt iterations that end before it.
    var deadline: Deadline?
    /// The weights of the judged rows' and the fitting rows' squared errors (nil: every row alike).
    var weights: (judged: [Double]?, fitted: [Double]?) = (nil, nil)

    public init(relativeTolerance: Double = 0.02, scaleTolerance: Double = 1e-7) {
        self.relativeTolerance = relativeTolerance
        self.scaleTolerance = scaleTolerance
    }

    /// `formula` with its constants snapped, judged on `rows` (values of `variables`) against `targets`; after each
    /// snap the constants not yet snapped are refitted on `fitRows`/`fitTargets` (so `0.4999*(1.0001*x)^2` can
    /// snap both), and kept when that lowers the error. The formula as it is when it cannot be evaluated. Once
    /// `stop` says so, the remaining constants are only rounded, then left as they are.
    public func snapped(_ formula: Expr, variables: [String], rows: [[Double]], targets: [Double],
                        fitRows: [[Double]], fitTargets: [Double], stop: () -> Bool = { false }) -> Expr {
        snapping(formula, variables: variables, rows: rows, targets: targets, fitRows: fitRows, fitTargets: fitTargets, stop: stop).formula
    }

    /// As `snapped`, whether every constant snapped to an exact value (true for a formula without constants), and
    /// the values of those that did not (rounded), which stay fitted constants.
    public func snapping(_ formula: Expr, variables: [String], rows: [[Double]], targets: [Double], fitRows: [[Double]],
                         fitTargets: [Double], stop: () -> Bool = { false }) -> (formula: Expr, allExact: Bool, free: [Double]) {
        let parametrized = formula.parametrized()
        guard !parametrized.names.isEmpty else { return (formula, true, []) }
        guard let judge = Judge(parametrized, variables: variables, rows: rows, targets: targets, weights: weights.judged) else {
            return (formula, false, parametrized.values)
        }
        // Refitting the others after a snap costs a least-squares fit per try, and the derivatives of every constant
        // compiled: only for formulas with few constants (an exact law has few; compiling the derivatives of a
        // tangle of hundreds, from a wide table, takes minutes).
        var fitter: ConstantProblem?
        if parametrized.values.count <= Self.refitLimit {
            guard let problem = try? ConstantProblem(parametrized, variables: variables, rows: fitRows, targets: fitTargets,
                                                     weights: weights.fitted) else {
                return (formula, false, parametrized.values)
            }
            fitter = problem
        }
        var values = parametrized.values
        var exact: [Expr?] = values.map { _ in nil }
        let base = judge.rmse(values)
        guard base.isFinite else { return (formula, false, parametrized.values) }
        let limit = base + max(relativeTolerance * base, scaleTolerance * Metrics.standardDeviation(targets))
        let exponents = Self.exponentSlots(parametrized)
        // How far each constant may move: `reachInErrors` standard errors of its fit on the fitting rows (a value
        // further away is another law, however little the held-out error grows: at 1% noise 2.71 passed for
        // 8.6/pi), and never less than a part in a million of it (the fit's own precision).
        let reach = fitter.flatMap { try? $0.standardErrors(values, free: values.map { _ in true }) }.map { errors in
            zip(errors, values).map { error, value in max(Self.reachInErrors * (error ?? .infinity), 1e-6 * abs(value)) }
        }
        let secondsPerIteration = deadline == nil ? 0
            : Deadline.evaluationsPerIteration * Double(values.count + 1) * Deadline.seconds { _ = fitter?.rmse(values) }
        for slot in values.indices where !stop() {
            // The simplest candidates first; among equally simple ones within the limit, the most accurate (under
            // noise both 2/5 and 1/sqrt(2 pi) may pass for 0.3989).
            var best: (values: [Double], error: Double, spelling: Expr, cost: Int)?
            for (value, expression, cost) in Self.candidates(near: values[slot], exponent: exponents.contains(slot)) {
                if let found = best, cost > found.cost { break }
                if let reach, abs(value - values[slot]) > reach[slot] { continue }
                var trial = values
                trial[slot] = value
                var error = judge.rmse(trial)
                let iterations = deadline?.affordableIterations(15, secondsPerIteration: secondsPerIteration) ?? 15
                if let fitter, iterations > 0, !stop() {
                    var free = exact.map { $0 == nil }
                    free[slot] = false
                    if let refit = try? fitter.refit(trial, free: free, maxIterations: iterations) {
                        let refitError = judge.rmse(refit)
                        if refitError < error { (trial, error) = (refit, refitError) }
                    }
                }
                if error <= limit, error < best?.error ?? .infinity { best = (trial, error, expression, cost) }
            }
            if let best {
                values = best.values
                exact[slot] = best.spelling
            }
        }
        let allExact = !exact.contains(nil)
        let free = Self.roundUnsnapped(&values, exact: &exact, judge: judge, limit: limit, stop: stop)
        let bindings = Dictionary(uniqueKeysWithValues: zip(parametrized.names, exact.map { $0! }))
        // Exact spellings multiplied out leave float dust (`(2^-0.5)^2` is 0.5000000000000001): snapped away.
        let dust = RoundingSettings(snapToIntegers: true, maxDenominator: 12, snapTolerance: 1e-12)
        return (parametrized.template.substituting(bindings).simplified().rounded(dust).simplified(), allExact, free)
    }

    /// Rounds the constants of `values` that did not snap (nil in `exact`) to the fewest significant digits that keep
    /// `judge`'s error within `limit` (once `stop` says so, all their digits: a formula of hundreds of constants, from
    /// a wide table, takes seconds to round), writes them into `exact`, and returns them in order.
    private static func roundUnsnapped(_ values: inout [Double], exact: inout [Expr?], judge: Judge, limit: Double,
                                       stop: () -> Bool) -> [Double] {
        var free: [Double] = []
        for slot in values.indices where exact[slot] == nil {
            if stop() {
                exact[slot] = .constant(values[slot])
                free.append(values[slot])
                continue
            }
            for digits in 1...15 {
                var trial = values
                trial[slot] = Double(String(format: "%.\(digits - 1)e", values[slot])) ?? values[slot]
                if judge.rmse(trial) <= limit || digits == 15 {
                    values = trial
                    exact[slot] = .constant(trial[slot])
                    free.append(trial[slot])
                    break
                }
            }
        }
        return free
    }

    /// The most constants a formula may have for snaps to refit the others.
    static let refitLimit = 8

    /// How many standard errors a constant may move when it snaps.
    static let reachInErrors = 4.0

    /// A parametrized formula's RMSE on fixed rows for given values of its constants, as `ConstantProblem.rmse`
    /// computes it, without compiling the constants' derivatives, which only a refit needs.
    private struct Judge {
        let value: @Sendable ([Double]) throws(EvaluationError) -> Double
        let rows: [[Double]]
        let targets: [Double]
        let weights: [Double]?

        /// Nil when the formula is not a function of `variables` or there are no rows.
        init?(_ parametrized: ParametrizedExpression, variables: [String], rows: [[Double]], targets: [Double], weights: [Double]?) {
            guard rows.count == targets.count, !rows.isEmpty, weights.map({ $0.count == rows.count }) ?? true,
                  let value = try? parametrized.template.compiled(variables: variables + parametrized.names) else { return nil }
            self.value = value
            self.rows = rows
            self.targets = targets
            self.weights = weights
        }

        /// The RMSE (weighted when the rows are) with the constants at `values`; infinite where the formula is
        /// undefined on some row.
        func rmse(_ values: [Double]) -> Double {
            var point = rows[0] + values
            var predictions: [Double] = []
            predictions.reserveCapacity(rows.count)
            for row in rows {
                for (slot, x) in row.enumerated() { point[slot] = x }
                guard let v = try? value(point), v.isFinite else { return .infinity }
                predictions.append(v)
            }
            return Metrics.meanSquaredError(predictions, targets, weights: weights).squareRoot()
        }
    }

    /// The values near `value` (within 1%) worth trying, simplest first: 0, integers, then by denominator (`p/q` costs
    /// `q`, `p*pi/q` and `p/(q*pi)` cost `q + 1`, `k*sqrt(n)` and `k/sqrt(n)` cost 4, `k*sqrt(pi)`, `k*sqrt(2*pi)` and
    /// their inverses 5), so `pi/2` comes before `11/7`; each with its exact spelling.
    static func candidates(near value: Double, exponent: Bool) -> [(value: Double, spelling: Expr, cost: Int)] {
        var found: [(value: Double, spelling: Expr, cost: Int)] = [(0, 0, 0)]
        let denominators = exponent ? [1, 2, 3] : Array(1...12)
        for q in denominators {
            let p = (value * Double(q)).rounded()
            found.append((p / Double(q), .constant(p / Double(q)), q))
        }
        if !exponent {
            for q in 1...6 {
                let p = (value * Double(q) / Double.pi).rounded()
                if p != 0 { found.append((p * Double.pi / Double(q), .constant(p / Double(q)) * .named(.pi), q + 1)) }
                // Rational multiples of 1/pi: 1/(4 pi) of Coulomb's law, 1/(2 pi) of h-bar.
                let inverse = (value * Double(q) * Double.pi).rounded()
                if inverse != 0 { found.append((inverse / (Double(q) * Double.pi), .constant(inverse / Double(q)) / .named(.pi), q + 1)) }
            }
            // The normal distribution's 1/sqrt(2 pi), and sqrt(pi).
            for (root, spelling) in [(Double.pi.squareRoot(), Expr.power(.named(.pi), 0.5)),
                                     ((2 * Double.pi).squareRoot(), Expr.power(2 * .named(.pi), 0.5))] {
                for (scale, written) in [(root, spelling), (1 / root, Expr.power(spelling, -1))] {
                    let k = (value / scale).rounded()
                    if k != 0, abs(k) <= 4 { found.append((k * scale, .constant(k) * written, 5)) }
                }
            }
            for n in [2, 3, 5, 6, 7] {
                let root = Double(n).squareRoot()
                for (scale, spelling) in [(root, Expr.power(.constant(Double(n)), 0.5)), (1 / root, Expr.power(.constant(Double(n)), -0.5))] {
                    let k = (value / scale).rounded()
                    if k != 0, abs(k) <= 4 { found.append((k * scale, .constant(k) * spelling, 4)) }
                }
            }
        }
        // A stable sort keeps the order above among equal costs.
        let near = found.filter { abs($0.value - value) <= 0.01 * max(abs(value), 1e-12) || $0.value == 0 }
        return near.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
    }

    /// The parameters that are exponents (they snap to halves and thirds only).
    static func exponentSlots(_ parametrized: ParametrizedExpression) -> Set<Int> {
        var slots = Set<Int>()
        func visit(_ node: Expr) {
            if case .product(let product) = node {
                for factor in product.factors {
                    if case .variable(let name) = factor.exponent, let slot = parametrized.names.firstIndex(of: name) { slots.insert(slot) }
                }
            }
            node.children.forEach(visit)
        }
        visit(parametrized.template)
        return slots
    }
}
