import Datasets
import Fitting
import Foundation
import KAN
import Optimization
import Symbolic

/// One independent attempt of the discovery search, producing raw formulas for the shared polish (refit of all
/// constants, snapping, checks on held-out rows).
public enum DiscoveryTrial: Sendable, CustomStringConvertible {
    /// `log|y| = log|C| + sum p_i log(x_i)` by linear least squares, when the target keeps one sign and every input is
    /// positive: power laws such as `m*g*z` or `q/C`.
    case powerLaw
    /// pykan's loop: train with sparsity, prune, retrain, `autoSymbolic`, retrain, `symbolicFormula`. With
    /// `logTarget`, the network learns `log|y|` (products become sums) and the formula is `sign * exp(...)`.
    case kan(width: WidthSpecification, seed: UInt64, logTarget: Bool)
    /// AI Feynman's decomposition with a KAN surrogate (`Decomposer`): separability and symmetry tests split the law
    /// into functions of one input, which the curve solver fits.
    case decomposition(seed: UInt64)
    /// `y = F(prod x^p) / prod x^q` found from the data alone (`MonomialCollapse`), `F` fitted by the curve solver.
    case collapse

    public var description: String {
        switch self {
        case .powerLaw: return "power law (log space)"
        case .kan(let width, let seed, let logTarget):
            let shape = KANConfiguration(width: width.width, multArity: width.multArity)
            let arities = Set((width.multArity ?? []).flatMap { $0 })
            let arity = arities.isEmpty || arities == [2] ? "" : " arity \(arities.sorted().map(String.init).joined(separator: ","))"
            return "KAN \(shape.widthDescription)\(arity)\(logTarget ? " on log|y|" : "") seed \(seed)"
        case .decomposition(let seed): return "decomposition (KAN surrogate seed \(seed))"
        case .collapse: return "one combination of the inputs (monomial collapse)"
        }
    }

    /// Whether the trial applies to data whose target keeps one sign (`signed`) and whose inputs are all positive.
    func applies(positiveInputs: Bool, targetSign: Double?) -> Bool {
        switch self {
        case .powerLaw: return positiveInputs && targetSign != nil
        case .kan(_, _, let logTarget): return !logTarget || targetSign != nil
        case .decomposition, .collapse: return true
        }
    }

    /// Whether the trial needs one of `ingredients`.
    func uses(any ingredients: Set<DiscoveryIngredient>) -> Bool {
        switch self {
        case .powerLaw: return ingredients.contains(.powerLaw)
        case .kan(let width, _, let logTarget):
            return (logTarget && ingredients.contains(.logTarget)) || (width.multArity != nil && ingredients.contains(.multiplication))
        case .decomposition: return ingredients.contains(.decomposition)
        case .collapse: return ingredients.contains(.collapse)
        }
    }

    /// The raw formulas of this trial in `variables` (the data's input names made parser-safe). Every long path
    /// checks `deadline` (throwing `Deadline.Passed` past it); a network that would need more than `memory` bytes, or
    /// more time than is left, is not built (`Skipped`).
    func formulas(_ data: DiscoveryData, library: FunctionLibrary, deadline: Deadline,
                  memory: Double = KANCost.memoryBudget(threads: 1)) throws -> [Expr] {
        switch self {
        case .powerLaw:
            return try PowerLaw.fit(data, deadline: deadline).map { [$0] } ?? []
        case .kan(let width, let seed, let logTarget):
            return try kanFormula(data, width: width, seed: seed, logTarget: logTarget, library: library, deadline: deadline, memory: memory)
        case .decomposition(let seed):
            return try Decomposer.formulas(data, seed: seed, library: library, deadline: deadline, memory: memory)
        case .collapse:
            return try MonomialCollapse.formulas(data, library: library, deadline: deadline)
        }
    }

    /// Evaluations of the objective a KAN trial's first training (50 LBFGS steps) takes at the least: each step
    /// runs up to 20 iterations, and with pykan's tolerances (1e-32) it runs them all.
    static let kanTrialEvaluations = 50 * 20

    /// Throws `Skipped` when the trial's network (a KAN trial's, or the decomposition's surrogate) would need more
    /// than `memory` bytes or more time than is left, before anything is built: the search reports such a trial as
    /// skipped without starting it. `formulas` checks the same.
    func preflight(_ data: DiscoveryData, deadline: Deadline, memory: Double) throws {
        switch self {
        case .powerLaw, .collapse:
            return
        case .kan(let width, let seed, _):
            let configuration = KANConfiguration(width: width.width, grid: 5, order: 3, seed: seed, multArity: width.multArity)
            try KANCost(configuration, rows: data.fitRows.count)
                .check("a KAN \(configuration.widthDescription)", evaluations: Self.kanTrialEvaluations, memory: memory, deadline: deadline)
        case .decomposition(let seed):
            try Surrogate.preflight(data, seed: seed, deadline: deadline, memory: memory)
        }
    }

    private func kanFormula(_ data: DiscoveryData, width: WidthSpecification, seed: UInt64, logTarget: Bool, library: FunctionLibrary,
                            deadline: Deadline, memory: Double) throws -> [Expr] {
        let sign = data.targetSign ?? 1
        let transform: (Double) -> Double = logTarget ? { Foundation.log(abs($0)) } : { $0 }
        let training = try Dataset(
            trainInputs: Matrix(data.fitRows), trainLabels: Matrix(data.fitTargets.map { [transform($0)] }),
            testInputs: Matrix(data.validationRows), testLabels: Matrix(data.validationTargets.map { [transform($0)] }),
            inputNames: data.variables)
        try preflight(data, deadline: deadline, memory: memory)
        let configuration = KANConfiguration(width: width.width, grid: 5, order: 3, seed: seed, multArity: width.multArity)
        var model = try KANModel(configuration)
        // Sparsity and pruning for hidden sum nodes; products (which sparsity switches off early) train without.
        let prunes = width.width.count > 2 && width.multArity == nil
        try model.fit(training, options: FitOptions(steps: 50, regularization: Regularization(lamb: prunes ? 0.001 : 0)), deadline: deadline)
        try deadline.check()
        if prunes, let pruned = try? model.pruned(samples: training.trainInputs) {
            model = pruned
            try model.fit(training, options: FitOptions(steps: 30), deadline: deadline)
        }
        // Two readings of the trained network: pykan's trade-off (weight_simple 0.8), and one that favours accuracy
        // (0.3), which keeps a curved edge (arcsin of a product) the first reads as a line.
        var formulas: [Expr] = []
        for weightSimple in [0.8, 0.3] {
            try deadline.check()
            var symbolic = model
            try symbolic.autoSymbolic(library: library, samples: training.trainInputs, weightSimple: weightSimple, deadline: deadline)
            // Retraining the fixed edges' constants may leave a function's domain; the last finite constants stay.
            do {
                try symbolic.fit(training, options: FitOptions(steps: 30, updateGrid: false), deadline: deadline)
            } catch let error as KANError {
                guard case .nonFiniteLoss = error else { throw error }
            }
            let formula = try symbolic.symbolicFormula(variables: data.variables)[0]
            let composed = logTarget ? (.constant(sign) * .apply(.exp, formula)).simplified() : formula.simplified()
            if !formulas.contains(composed) { formulas.append(composed) }
        }
        return formulas
    }
}

/// The power-law trial's least squares in log space.
enum PowerLaw {
    /// `sign * exp(c0) * prod x_i^p_i`, or nil when the logs are not defined or the system is singular or
    /// underdetermined (no more fitting rows than unknowns: on a table wider than it is long any exponents fit).
    /// The `n^2` sums and the `n^3` elimination check `deadline` row by row.
    static func fit(_ data: DiscoveryData, deadline: Deadline = Deadline(after: .infinity)) throws -> Expr? {
        guard let sign = data.targetSign else { return nil }
        let n = data.variables.count
        guard data.fitRows.count > n + 1 else { return nil }
        // Normal equations of [1, log x_1, ..., log x_n] against log|y|.
        var gram = [Double](repeating: 0, count: (n + 1) * (n + 1)), right = [Double](repeating: 0, count: n + 1)
        for (row, target) in zip(data.fitRows, data.fitTargets) {
            try deadline.check()
            guard row.allSatisfy({ $0 > 0 }), target != 0 else { return nil }
            let features = [1] + row.map { Foundation.log($0) }
            let y = Foundation.log(abs(target))
            for i in 0...n {
                right[i] += features[i] * y
                for j in 0...n { gram[i * (n + 1) + j] += features[i] * features[j] }
            }
        }
        guard let solution = try solve(gram, right, size: n + 1, deadline: deadline) else { return nil }
        var parts: [Expr] = [.constant(sign * Foundation.exp(solution[0]))]
        for (name, exponent) in zip(data.variables, solution.dropFirst()) { parts.append(.power(.variable(name), .constant(exponent))) }
        return Expr.product(parts)
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ matrix: [Double], _ vector: [Double], size n: Int, deadline: Deadline = Deadline(after: .infinity)) throws -> [Double]? {
        var a = matrix, b = vector
        for column in 0..<n {
            try deadline.check()
            guard let pivot = (column..<n).max(by: { abs(a[$0 * n + column]) < abs(a[$1 * n + column]) }),
                  abs(a[pivot * n + column]) > 1e-12 else { return nil }
            for k in 0..<n { a.swapAt(column * n + k, pivot * n + k) }
            b.swapAt(column, pivot)
            for row in column + 1..<n {
                let factor = a[row * n + column] / a[column * n + column]
                for k in column..<n { a[row * n + k] -= factor * a[column * n + k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in row + 1..<n { sum -= a[row * n + k] * x[k] }
            x[row] = sum / a[row * n + row]
        }
        return x
    }
}
