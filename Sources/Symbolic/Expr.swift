/// A symbolic expression over real numbers: the tree that the parser builds, the simplifier rewrites, the
/// evaluator computes and the printers write.
///
/// Sums and products are kept canonical by construction (see `Expr.sum(_:)`, `Expr.product(_:)`,
/// `Expr.power(_:_:)`), in the manner of SymEngine's `Add` and `Mul`: numeric parts are folded, like terms and
/// like bases are collected, and children are stored in one stable order. Two expressions that differ only by
/// such bookkeeping are therefore equal (`==`) and hash alike.
///
/// Build expressions with the operators (`+ - * /`), `Expr.power`, `Expr.apply` and the literals, never with the
/// enum cases directly: the cases are public for pattern matching, and only the constructors keep the invariants.
public indirect enum Expr: Hashable, Sendable {
    /// A finite real number.
    case constant(Double)
    /// A named mathematical constant (`pi`, `E`), kept symbolic so that printers can write its name.
    case named(MathConstant)
    /// A free variable, e.g. `x1`, `x_1` or `theta`.
    case variable(String)
    /// `constant + sum(coefficient_i * term_i)`: at least one term, or two terms when the constant is zero and
    /// the only coefficient is 1 would make it a bare term.
    case sum(Sum)
    /// `coefficient * product(base_i ^ exponent_i)`.
    case product(Product)
    /// An elementary function applied to one argument, e.g. `sin(x)`.
    case function(ElementaryFunction, Expr)
}

/// The canonical content of a sum: a numeric constant plus terms, each a non-numeric expression with a numeric
/// coefficient. Terms are sorted by `Expr.canonicalOrder`, have non-zero coefficients and are never sums
/// themselves, nor products with a coefficient other than 1.
public struct Sum: Hashable, Sendable {
    public let constant: Double
    public let terms: [Term]
}

/// One term of a `Sum`: `coefficient * expr`.
public struct Term: Hashable, Sendable {
    public let expr: Expr
    public let coefficient: Double
}

/// The canonical content of a product: a numeric coefficient times powers of distinct bases. Factors are sorted
/// by their bases' `Expr.canonicalOrder`, no exponent is zero, and no base is itself a numeric constant raised
/// to a numeric power.
public struct Product: Hashable, Sendable {
    public let coefficient: Double
    public let factors: [Factor]
}

/// One factor of a `Product`: `base ^ exponent`.
public struct Factor: Hashable, Sendable {
    public let base: Expr
    public let exponent: Expr
}

/// Mathematical constants that stay symbolic in expressions.
public enum MathConstant: String, Hashable, Sendable, CaseIterable {
    case pi
    case e

    /// The constant's value.
    public var value: Double {
        switch self {
        case .pi: Double.pi
        case .e: 2.718281828459045
        }
    }
}

extension Expr {
    /// The numeric value when the expression is a plain number.
    public var numericValue: Double? {
        if case .constant(let value) = self { return value }
        return nil
    }

    /// True when the expression is the number `value`.
    public func isNumber(_ value: Double) -> Bool { numericValue == value }

    /// The names of the free variables, sorted in natural order (`x2` before `x10`).
    public var variables: [String] {
        var names = Set<String>()
        collectVariables(into: &names)
        return names.sorted(by: naturalNameOrder)
    }

    private func collectVariables(into names: inout Set<String>) {
        if case .variable(let name) = self { names.insert(name) }
        for child in children { child.collectVariables(into: &names) }
    }

    /// The number of nodes in the tree, a rough size measure used for limits.
    public var nodeCount: Int { 1 + children.reduce(0) { $0 + $1.nodeCount } }
}

/// Orders names naturally: `x2 < x10`, and otherwise alphabetically.
public func naturalNameOrder(_ lhs: String, _ rhs: String) -> Bool {
    func split(_ name: String) -> (String, Int?) {
        let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 18 else { return (name, nil) }
        return (String(name.dropLast(digits.count)), Int(String(digits.reversed())))
    }
    let (lhsStem, lhsIndex) = split(lhs)
    let (rhsStem, rhsIndex) = split(rhs)
    if lhsStem != rhsStem { return lhsStem < rhsStem }
    switch (lhsIndex, rhsIndex) {
    case let (l?, r?) where l != r: return l < r
    default: return lhs < rhs
    }
}
