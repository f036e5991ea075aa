/// Small named predicates that rewrite rules use as guards. Each is conservative: `true` means proven for
/// every real value of the variables where the expression is defined; `false` means not proven.
public enum Guards {
    /// A plain number.
    public static func isNumber(_ expr: Expr) -> Bool { expr.numericValue != nil }

    /// A whole number.
    public static func isInteger(_ expr: Expr) -> Bool {
        guard let value = expr.numericValue else { return false }
        return value == value.rounded()
    }

    /// An even whole number.
    public static func isEvenInteger(_ expr: Expr) -> Bool {
        guard let value = expr.numericValue, value == value.rounded() else { return false }
        return value.truncatingRemainder(dividingBy: 2) == 0
    }

    /// Never negative where defined: non-negative numbers, `pi`, `e`, `exp`, `abs`, even powers, square
    /// roots, and sums and products of these with non-negative coefficients.
    public static func isNonNegative(_ expr: Expr) -> Bool {
        switch expr {
        case .constant(let value): return value >= 0
        case .named: return true
        case .variable: return false
        case .function(let function, _): return function == .exp || function == .abs
        case .sum(let sum):
            return sum.constant >= 0 && sum.terms.allSatisfy { $0.coefficient >= 0 && isNonNegative($0.expr) }
        case .product(let product):
            return product.coefficient >= 0 && product.factors.allSatisfy { factor in
                isNonNegative(factor.base) || isEvenInteger(factor.exponent)
                    || isNonIntegerNumber(factor.exponent)
            }
        }
    }

    /// Never zero nor negative where defined.
    public static func isPositive(_ expr: Expr) -> Bool {
        switch expr {
        case .constant(let value): return value > 0
        case .named: return true
        case .function(.exp, _): return true
        case .sum(let sum): return sum.constant > 0 && isNonNegative(expr)
        case .product(let product):
            return product.coefficient > 0 && product.factors.allSatisfy { isPositive($0.base) }
        default: return false
        }
    }

    /// True when `-expr` reads more simply than `expr`, as SymPy's `could_extract_minus_sign`: a negative
    /// number, a product with a negative coefficient, or a sum with more negative than positive parts (on a
    /// tie, the first term decides). Exactly one of `e` and `-e` satisfies it, unless `e` is zero.
    public static func couldExtractMinusSign(_ expr: Expr) -> Bool {
        switch expr {
        case .constant(let value): return value < 0
        case .product(let product): return product.coefficient < 0
        case .sum(let sum):
            var signs = sum.terms.map { $0.coefficient < 0 }
            if sum.constant != 0 { signs.append(sum.constant < 0) }
            let negatives = signs.filter { $0 }.count
            if 2 * negatives != signs.count { return 2 * negatives > signs.count }
            return signs[0]
        default: return false
        }
    }

    /// A number with a fractional part: such a power is real only for a non-negative base, so its value is
    /// non-negative where defined.
    public static func isNonIntegerNumber(_ expr: Expr) -> Bool {
        guard let value = expr.numericValue else { return false }
        return value != value.rounded()
    }
}
