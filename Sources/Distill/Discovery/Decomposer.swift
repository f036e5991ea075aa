import Fitting
import Foundation
import Optimization
import Symbolic

/// AI Feynman's recursive decomposition, with a KAN surrogate as the oracle: an input that separates from the
/// others (as a sum, a product, or a product after a constant is taken off) is split off and each part solved on
/// its own; two inputs that act only through their product, ratio, sum or difference become one input; a function
/// of one input goes to the curve solver. The formulas it returns have approximate constants, which discovery's
/// polish refits on the data.
struct Decomposer {
    let curves: CurveSolver
    /// The surrogate's relative error, which sets how small a test's residual must be to pass.
    let noise: Double
    let deadline: Deadline
    /// The most formulas one subproblem returns.
    var breadth = 8

    /// A residual below this passes a structure test: 8x the surrogate's relative error, within [0.02, 0.05]. A
    /// surrogate of noisy data has a validation error near the noise, but is smoother than that, so the cap holds.
    var tolerance: Double { min(max(8 * noise, 0.02), 0.05) }
    /// Past this relative error the surrogate's answers are too rough to test structure with.
    static let roughest = 0.05

    /// Formulas for `problem`, most promising first; empty when no structure is found.
    func solve(_ problem: Subproblem, variables: [String], depth: Int = 0, random: inout SeededRandom) throws -> [Expr] {
        try deadline.check()
        if problem.inputs.count == 1 { return curve(problem, variables: variables) }
        guard depth < 8, let tests = StructureTests(problem, random: &random) else { return [] }
        if let split = try separation(problem, tests: tests, shifted: false) {
            return try solve(split, problem: problem, variables: variables, depth: depth, random: &random)
        }
        if let merged = try symmetry(problem, tests: tests, random: &random) {
            return try solve(merged, variables: variables, depth: depth + 1, random: &random)
        }
        if let split = try separation(problem, tests: tests, shifted: true) {
            return try solve(split, problem: problem, variables: variables, depth: depth, random: &random)
        }
        return []
    }

    /// How `f` splits around input `input`: `shift + g(input) (op) h(rest)`.
    private struct Split {
        var input: Int
        var additive: Bool
        var shift: Double
    }

    /// The input that separates best, if any passes. Checks the deadline before each input's tests.
    private func separation(_ problem: Subproblem, tests: StructureTests, shifted: Bool) throws -> Split? {
        var best: (split: Split, residual: Double)?
        for input in problem.inputs.indices {
            try deadline.check()
            let multiplicative = tests.multiplicativeResidual(input, estimateShift: shifted)
            var candidates = [(Split(input: input, additive: false, shift: multiplicative.shift), multiplicative.residual)]
            if !shifted { candidates.append((Split(input: input, additive: true, shift: 0), tests.additiveResidual(input))) }
            for (split, residual) in candidates where residual < tolerance && residual < (best?.residual ?? .infinity) {
                best = (split, residual)
            }
        }
        return best?.split
    }

    /// The pair of inputs and the combination of them `f` depends on alone, merged into one input, if any passes.
    /// The pairs grow as the square of the inputs: the deadline is checked before each pair's tests.
    private func symmetry(_ problem: Subproblem, tests: StructureTests, random: inout SeededRandom) throws -> Subproblem? {
        var best: (first: Int, second: Int, symmetry: Symmetry, residual: Double)?
        for first in problem.inputs.indices {
            for second in problem.inputs.indices where second != first {
                try deadline.check()
                let (a, b) = (problem.inputs[first], problem.inputs[second])
                for symmetry in Symmetry.allCases {
                    // Sums and products are symmetric: each pair once. Moves need monomials or shiftable inputs.
                    if (symmetry == .product || symmetry == .sum) && second < first { continue }
                    if symmetry.isMultiplicative ? (a.exponent == nil || b.exponent == nil) : (!a.shiftable || !b.shiftable) { continue }
                    let residual = tests.symmetryResidual(first, second, symmetry, random: &random)
                    if residual < tolerance && residual < (best?.residual ?? .infinity) { best = (first, second, symmetry, residual) }
                }
            }
        }
        guard let best else { return nil }
        let expression = best.symmetry.combining(problem.inputs[best.first].expression, problem.inputs[best.second].expression)
        return problem.merging(best.first, best.second, into: expression, symmetry: best.symmetry)
    }

    /// Solves the two parts of `split` and combines their formulas.
    private func solve(_ split: Split, problem: Subproblem, variables: [String], depth: Int, random: inout SeededRandom) throws -> [Expr] {
        guard let (pin, pinValue) = pinRow(problem) else { return [] }
        let k = split.input
        let shift = split.shift, scale = pinValue - shift
        guard split.additive || abs(scale) > 1e-12 else { return [] }
        // g(x_k) = f(x_k, rest of the pin); h(rest) = f(x_k of the pin, rest), less the pin's value or divided by it.
        var part = problem
        part.inputs = [problem.inputs[k]]
        part.evaluate = { rows in problem.evaluate(rows.map { problem.mixing(pin, input: k, from: $0) }).map { $0 - shift } }
        var rest = problem
        rest.inputs.remove(at: k)
        rest.evaluate = { rows in
            problem.evaluate(rows.map { problem.mixing($0, input: k, from: pin) }).map { split.additive ? $0 - pinValue : ($0 - shift) / scale }
        }
        let first = try self.solve(part, variables: variables, depth: depth + 1, random: &random)
        guard !first.isEmpty else { return [] }
        let second = try self.solve(rest, variables: variables, depth: depth + 1, random: &random)
        var combined: [Expr] = []
        for total in 0..<(first.count + second.count) {
            for i in 0...total where i < first.count && total - i < second.count {
                let (g, h) = (first[i], second[total - i])
                combined.append(split.additive ? g + h : .constant(shift) + g * h)
            }
        }
        return Array(combined.prefix(breadth))
    }

    /// A row where `f` is well away from zero (its 75th percentile in size), so dividing by it is safe, and `f`
    /// there; nil when `f` is nowhere finite.
    private func pinRow(_ problem: Subproblem) -> (row: [Double], value: Double)? {
        let rows = Array(problem.rows.prefix(200))
        let values = problem.evaluate(rows)
        let order = rows.indices.filter { values[$0].isFinite }.sorted { abs(values[$0]) < abs(values[$1]) }
        guard !order.isEmpty else { return nil }
        let index = order[order.count * 3 / 4]
        return (rows[index], values[index])
    }

    private func curve(_ problem: Subproblem, variables: [String]) -> [Expr] {
        let rows = Array(problem.rows.prefix(300))
        return curves.solve(u: problem.inputValues(0, at: rows, variables: variables), y: problem.evaluate(rows),
                            input: problem.inputs[0].expression)
    }
}
