/// The one stable order in which sums store their terms and products their factors.
///
/// Monomials (variables and products of variables to numeric powers) come in lexicographic polynomial order,
/// higher degrees first (`x^2, x*y, x, y`), so polynomials print the way a reader expects; named constants
/// lead, then functions, other products and sums, with a structural comparison breaking ties.
extension Expr {
    /// True when `lhs` comes strictly before `rhs`.
    public static func canonicalOrder(_ lhs: Expr, _ rhs: Expr) -> Bool { compare(lhs, rhs) < 0 }

    /// A three-way comparison: negative, zero (equal) or positive.
    static func compare(_ lhs: Expr, _ rhs: Expr) -> Int {
        if lhs == rhs { return 0 }
        let (lhsRank, rhsRank) = (lhs.orderRank, rhs.orderRank)
        if lhsRank != rhsRank { return lhsRank < rhsRank ? -1 : 1 }
        if let lhsMonomial = lhs.monomialExponents, let rhsMonomial = rhs.monomialExponents {
            let order = compareMonomials(lhsMonomial, rhsMonomial)
            if order != 0 { return order }
        }
        return structuralCompare(lhs, rhs)
    }

    private var orderRank: Int {
        if monomialExponents != nil { return 1 }  // variables and products of their powers
        switch self {
        case .named: return 0
        case .variable: return 1
        case .function: return 2
        case .product: return 3
        case .sum: return 4
        case .constant: return 5
        }
    }

    /// Exponents by variable name when this is a variable or a unit-coefficient product of variables raised
    /// to numeric powers; nil otherwise.
    var monomialExponents: [String: Double]? {
        switch self {
        case .variable(let name):
            return [name: 1]
        case .product(let product) where product.coefficient == 1:
            var exponents: [String: Double] = [:]
            for factor in product.factors {
                guard case .variable(let name) = factor.base, let power = factor.exponent.numericValue else {
                    return nil
                }
                exponents[name] = power
            }
            return exponents
        default:
            return nil
        }
    }

    private static func compareMonomials(_ lhs: [String: Double], _ rhs: [String: Double]) -> Int {
        let names = Set(lhs.keys).union(rhs.keys).sorted(by: naturalNameOrder)
        for name in names {
            let (l, r) = (lhs[name] ?? 0, rhs[name] ?? 0)
            if l != r { return l > r ? -1 : 1 }
        }
        return 0
    }

    private static func compareNumbers(_ lhs: Double, _ rhs: Double) -> Int {
        lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
    }

    private static func compareSequences(_ lhs: [Expr], _ rhs: [Expr]) -> Int {
        for (l, r) in zip(lhs, rhs) {
            let order = compare(l, r)
            if order != 0 { return order }
        }
        return compareNumbers(Double(lhs.count), Double(rhs.count))
    }

    private static func structuralCompare(_ lhs: Expr, _ rhs: Expr) -> Int {
        switch (lhs, rhs) {
        case (.constant(let l), .constant(let r)):
            return compareNumbers(l, r)
        case (.named(let l), .named(let r)):
            return l.rawValue < r.rawValue ? -1 : (l == r ? 0 : 1)
        case (.variable(let l), .variable(let r)):
            return naturalNameOrder(l, r) ? -1 : (l == r ? 0 : 1)
        case (.function(let lf, let la), .function(let rf, let ra)):
            if lf != rf { return lf.rawValue < rf.rawValue ? -1 : 1 }
            return compare(la, ra)
        case (.product(let l), .product(let r)):
            let order = compareSequences(lhs.children, rhs.children)
            return order != 0 ? order : compareNumbers(l.coefficient, r.coefficient)
        case (.sum(let l), .sum(let r)):
            let order = compareSequences(lhs.children, rhs.children)
            if order != 0 { return order }
            for (lt, rt) in zip(l.terms, r.terms) where lt.coefficient != rt.coefficient {
                return compareNumbers(lt.coefficient, rt.coefficient)
            }
            return compareNumbers(l.constant, r.constant)
        default:
            return 0
        }
    }
}
