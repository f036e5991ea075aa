import Fitting
import Foundation
import Optimization
import Symbolic

extension Decomposer {
    /// The decomposition trial: trains the surrogate, then decomposes the target as it is, its reciprocal and its
    /// square (when it keeps one sign) and its sine (when it lies within ±pi/2, so that `arcsin` undoes it), each
    /// formula with the transformation undone.
    static func formulas(_ data: DiscoveryData, seed: UInt64, library: FunctionLibrary, deadline: Deadline,
                         memory: Double = KANCost.memoryBudget(threads: 1)) throws -> [Expr] {
        guard let surrogate = try Surrogate.train(data, seed: seed, deadline: deadline, memory: memory) else { return [] }
        guard surrogate.relativeError <= roughest else { return [] }
        let rows = Array(data.fitRows.prefix(600))
        let all = data.fitRows + data.validationRows
        let ranges = data.variables.indices.map { i in all.map { $0[i] }.min()!...all.map { $0[i] }.max()! }
        let targets = data.fitTargets + data.validationTargets
        var transforms: [(apply: @Sendable (Double) -> Double, undo: (Expr) -> Expr)] = [({ $0 }, { $0 })]
        if let sign = data.targetSign {
            transforms.append(({ 1 / $0 }, { .power($0, -1) }))
            // AI Feynman's y -> y^2: `sqrt((x2 - x1)^2 + (y2 - y1)^2)` squared separates into a sum.
            transforms.append(({ $0 * $0 }, { .constant(sign) * .power($0, 0.5) }))
        }
        if targets.allSatisfy({ abs($0) <= Double.pi / 2 }) { transforms.append(({ Foundation.sin($0) }, { .apply(.arcsin, $0) })) }
        let curves = CurveSolver(library: FittableLibrary(library), noise: surrogate.relativeError, deadline: deadline)
        let decomposer = Decomposer(curves: curves, noise: surrogate.relativeError, deadline: deadline)
        var random = SeededRandom(seed: seed)
        var formulas: [Expr] = []
        for transform in transforms {
            let problem = Subproblem(
                inputs: data.variables.indices.map { Subproblem.Input.variable($0, name: data.variables[$0]) },
                evaluate: { surrogate.values($0).map(transform.apply) }, rows: rows, ranges: ranges)
            for formula in try decomposer.solve(problem, variables: data.variables, random: &random) {
                let undone = transform.undo(formula).simplified()
                if !formulas.contains(undone) { formulas.append(undone) }
            }
        }
        try deadline.check()
        return screened(formulas, data: data, deadline: deadline)
    }

    /// The surrogate cannot tell apart curves that agree to its own error (`1/sqrt(1-u^2)` and `exp` on a short
    /// range): every formula's constants are refitted on data rows and judged on others. The `count` best go on, and
    /// up to `tiedCount` when their errors tie within the sampling noise of the judging rows (noisy targets), since
    /// only snapping tells the exact one among them.
    static func screened(_ formulas: [Expr], data: DiscoveryData, count: Int = 4, tiedCount: Int = 8, deadline: Deadline) -> [Expr] {
        let rows = Array(data.fitRows.prefix(400)), targets = Array(data.fitTargets.prefix(400))
        let checkRows = Array(data.validationRows.prefix(600)), checkTargets = Array(data.validationTargets.prefix(600))
        var scored: [(formula: Expr, error: Double)] = []
        for formula in formulas where !deadline.hasPassed && formula.parametrized().values.count <= Discoverer.refitLimit {
            guard let fitted = try? FormulaFitter(maxIterations: 60).fit(formula, variables: data.variables, rows: rows, targets: targets, deadline: deadline),
                  let compiled = try? fitted.formula.compiled(variables: data.variables) else { continue }
            let error = Metrics.rmse(checkRows.map { (try? compiled($0)) ?? .nan }, checkTargets)
            if error.isFinite { scored.append((fitted.formula, error)) }
        }
        scored.sort { $0.error < $1.error }
        guard let best = scored.first?.error else { return [] }
        let tied = scored.prefix { $0.error <= best * (1 + 3 / Double(checkRows.count).squareRoot()) }.count
        return scored.prefix(max(count, min(tied, tiedCount))).map(\.formula)
    }
}
