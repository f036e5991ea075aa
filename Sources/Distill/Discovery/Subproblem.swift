import Foundation
import Symbolic

/// A part of a law still to be found: a function of a few inputs, each input an expression of its own group of the
/// data's variables (`v`, or `v/c` after a symmetry was found), evaluated through the surrogate at full rows of
/// the data's variables. Points are real data rows, or rows mixed from two of them input by input, so the
/// surrogate is mostly asked where the data lie.
struct Subproblem: @unchecked Sendable {
    /// One input: its expression and how a point can move along it.
    struct Input {
        var expression: Expr
        /// The data's variables behind it (disjoint from every other input's).
        var variables: [Int]
        /// The variable that moves the input.
        var leading: Int
        /// When the input is a monomial, the leading variable's exponent in it (scaling the input by `s` scales
        /// the variable by `s^(1/exponent)`).
        var exponent: Double?
        /// Whether shifting the leading variable shifts the input by as much (a plain variable, or a sum led by one).
        var shiftable: Bool

        /// The data's variable `index`, named `name`.
        static func variable(_ index: Int, name: String) -> Input {
            Input(expression: .variable(name), variables: [index], leading: index, exponent: 1, shiftable: true)
        }
    }

    var inputs: [Input]
    /// The function's values at full rows of the data's variables.
    var evaluate: ([[Double]]) -> [Double]
    /// The rows to test and sample at.
    var rows: [[Double]]
    /// Each variable's range over the data, which moved points must stay inside.
    var ranges: [ClosedRange<Double>]

    /// `row` with input `input`'s variables taken from `source`.
    func mixing(_ row: [Double], input: Int, from source: [Double]) -> [Double] {
        var mixed = row
        for variable in inputs[input].variables { mixed[variable] = source[variable] }
        return mixed
    }

    /// The values of input `input` at `rows`; NaN where it is undefined.
    func inputValues(_ input: Int, at rows: [[Double]], variables: [String]) -> [Double] {
        guard let compiled = try? inputs[input].expression.compiled(variables: variables) else { return rows.map { _ in .nan } }
        return rows.map { (try? compiled($0)) ?? .nan }
    }

    /// `row` with input `input` multiplied by `factor`, or shifted by `shift`; nil when the input cannot move so or
    /// the moved row leaves the data's ranges.
    func moving(_ row: [Double], input: Int, factor: Double = 1, shift: Double = 0) -> [Double]? {
        let handle = inputs[input], variable = handle.leading
        var moved = row
        if factor != 1 {
            guard let exponent = handle.exponent, exponent != 0, factor > 0 else { return nil }
            moved[variable] *= Foundation.pow(factor, 1 / exponent)
        }
        if shift != 0 {
            guard handle.shiftable else { return nil }
            moved[variable] += shift
        }
        return ranges[variable].contains(moved[variable]) ? moved : nil
    }

    /// The same function with inputs `first` and `second` replaced by one input, `merged`, led by `first`'s variable.
    func merging(_ first: Int, _ second: Int, into expression: Expr, symmetry: Symmetry) -> Subproblem {
        let a = inputs[first], b = inputs[second]
        let merged = Input(expression: expression, variables: a.variables + b.variables, leading: a.leading,
                           exponent: symmetry.isMultiplicative ? a.exponent : nil,
                           shiftable: !symmetry.isMultiplicative && a.shiftable)
        var copy = self
        copy.inputs = inputs.enumerated().filter { $0.offset != first && $0.offset != second }.map(\.element)
        copy.inputs.insert(merged, at: min(first, second))
        return copy
    }
}

/// A combination of two inputs that a function may depend on alone (AI Feynman's symmetry tests).
enum Symmetry: CaseIterable {
    case product, ratio, sum, difference

    var isMultiplicative: Bool { self == .product || self == .ratio }

    func combining(_ a: Expr, _ b: Expr) -> Expr {
        switch self {
        case .product: return a * b
        case .ratio: return a / b
        case .sum: return a + b
        case .difference: return a - b
        }
    }
}
