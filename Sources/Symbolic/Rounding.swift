import Foundation

/// How to round the numbers in an expression: to significant digits or to decimals, optionally snapping
/// numbers close to integers, simple fractions or rational multiples of pi, and dropping negligible terms.
public struct RoundingSettings: Sendable {
    /// Keep this many significant digits (`3.14159` to 3 digits is `3.14`).
    public var significantDigits: Int?
    /// Keep this many digits after the decimal point, as pykan's `ex_round` (`0.004` to 2 decimals is `0`).
    public var decimals: Int?
    /// Snap to the nearest integer when within `snapTolerance` (relative).
    public var snapToIntegers: Bool
    /// Snap to `p/q` for `q` up to this (0 turns it off).
    public var maxDenominator: Int
    /// Snap to `p*pi/q` for `q` up to `maxDenominator`.
    public var snapToPi: Bool
    /// Relative distance within which a number snaps.
    public var snapTolerance: Double
    /// Drop sum terms and constants whose coefficient is smaller in magnitude than this.
    public var dropBelow: Double?

    public init(significantDigits: Int? = nil, decimals: Int? = nil, snapToIntegers: Bool = false,
                maxDenominator: Int = 0, snapToPi: Bool = false, snapTolerance: Double = 1e-4,
                dropBelow: Double? = nil) {
        self.significantDigits = significantDigits
        self.decimals = decimals
        self.snapToIntegers = snapToIntegers
        self.maxDenominator = maxDenominator
        self.snapToPi = snapToPi
        self.snapTolerance = snapTolerance
        self.dropBelow = dropBelow
    }

    /// `digits` significant digits and nothing else.
    public static func significant(_ digits: Int) -> RoundingSettings { RoundingSettings(significantDigits: digits) }

    /// The number rounded, without snapping.
    public func round(_ value: Double) -> Double {
        var result = value
        if let digits = significantDigits { result = RoundingSettings.roundToSignificant(result, digits) }
        if let decimals { result = RoundingSettings.roundToDecimals(result, decimals) }
        return result == 0 ? 0 : result
    }

    /// The number as an expression: snapped to an integer, a fraction or a multiple of pi where one is close
    /// enough, else rounded.
    public func snap(_ value: Double, allowPi: Bool = true) -> Expr {
        let tolerance = snapTolerance * Swift.max(1, Swift.abs(value))
        if snapToIntegers, Swift.abs(value - value.rounded()) <= tolerance {
            return .constant(value.rounded() == 0 ? 0 : value.rounded())
        }
        if maxDenominator > 1 {
            for q in 2...maxDenominator {
                let p = (value * Double(q)).rounded()
                if Swift.abs(value - p / Double(q)) <= tolerance { return .constant(p / Double(q)) }
            }
        }
        if snapToPi && allowPi && value != 0 {
            for q in 1...Swift.max(1, maxDenominator) {
                let p = (value * Double(q) / Double.pi).rounded()
                if p != 0, Swift.abs(value - p * Double.pi / Double(q)) <= tolerance {
                    return .constant(p / Double(q)) * .named(.pi)
                }
            }
        }
        return .constant(round(value))
    }

    static func roundToSignificant(_ value: Double, _ digits: Int) -> Double {
        guard value != 0, value.isFinite, digits > 0 else { return value }
        return Double(String(format: "%.\(digits - 1)e", value)) ?? value
    }

    static func roundToDecimals(_ value: Double, _ decimals: Int) -> Double {
        guard value.isFinite else { return value }
        return Double(String(format: "%.\(Swift.max(0, decimals))f", value)) ?? value
    }
}

extension Expr {
    /// Every number in the expression (constants, coefficients, exponents) rounded and snapped as `settings`
    /// say; exponents snap to integers and fractions but never to multiples of pi.
    public func rounded(_ settings: RoundingSettings) -> Expr {
        switch self {
        case .constant(let value):
            return settings.snap(value)
        case .named, .variable:
            return self
        case .sum(let sum):
            var parts: [Expr] = []
            if settings.dropBelow.map({ Swift.abs(sum.constant) >= $0 }) ?? true {
                parts.append(settings.snap(sum.constant))
            }
            for term in sum.terms where settings.dropBelow.map({ Swift.abs(term.coefficient) >= $0 }) ?? true {
                parts.append(settings.snap(term.coefficient) * term.expr.rounded(settings))
            }
            return Expr.sum(parts)
        case .product(let product):
            var parts = [settings.snap(product.coefficient)]
            for factor in product.factors {
                let exponent: Expr = factor.exponent.numericValue.map { settings.snap($0, allowPi: false) }
                    ?? factor.exponent.rounded(settings)
                parts.append(.power(factor.base.rounded(settings), exponent))
            }
            return Expr.product(parts)
        case .function(let function, let argument):
            return .apply(function, argument.rounded(settings))
        }
    }

    /// Rounded to `digits` significant digits.
    public func rounded(significantDigits digits: Int) -> Expr { rounded(.significant(digits)) }
}
