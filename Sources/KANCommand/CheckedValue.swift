import Foundation
import Optimization

/// Why an option's value was refused. ArgumentParser prints it after naming the option and the value:
/// `The value 'nan' is invalid for '--lamb <lamb>': expected a finite number >= 0`.
struct InvalidValue: Error, CustomStringConvertible {
    let description: String
}

/// The range a number option accepts.
enum NumberBounds: Sendable {
    /// Any finite number.
    case finite
    /// A finite number >= 0.
    case nonNegative
    /// A finite number > 0.
    case positive
    /// A finite number <= the bound.
    case atMost(Double)
    /// A number in the closed interval.
    case within(ClosedRange<Double>)
    /// A number strictly between 0 and 1.
    case fraction

    func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .finite: return true
        case .nonNegative: return value >= 0
        case .positive: return value > 0
        case .atMost(let bound): return value <= bound
        case .within(let range): return range.contains(value)
        case .fraction: return value > 0 && value < 1
        }
    }

    var expectation: String {
        switch self {
        case .finite: return "expected a finite number"
        case .nonNegative: return "expected a finite number >= 0"
        case .positive: return "expected a finite number > 0"
        case .atMost(let bound): return "expected a finite number <= \(bound.formatted)"
        case .within(let range): return "expected a number from \(range.lowerBound.formatted) to \(range.upperBound.formatted)"
        case .fraction: return "expected a number between 0 and 1 (both excluded)"
        }
    }
}

/// The `transform:` of every numeric option: the text becomes a value only when it is in range, so NaN, infinity,
/// a negative count or a number of digits past a Double's are refused where they are parsed, with a message
/// naming the option and what is valid. Options using them parse `.unconditional`ly, so `--grid -3` reaches the
/// check instead of being read as an option called `-3`.
enum Checked {
    /// A Double within `bounds`.
    static func number(_ bounds: NumberBounds) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), bounds.contains(value) else {
                throw InvalidValue(description: bounds.expectation)
            }
            return value
        }
    }

    /// A whole number in `range` (`Int.max` as the upper bound means none).
    static func whole(_ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                throw InvalidValue(description: range.upperBound == .max ? "expected a whole number >= \(range.lowerBound)"
                                                                         : "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
    }

    /// A seed: a whole number from 0 to 2^64 - 1. Parsed `.unconditional`ly, so `--seed -5` is refused as a
    /// negative seed instead of being taken for an option called `-5`.
    @Sendable static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw InvalidValue(description: "expected a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// Rows per training step: -1 (all rows) or a positive number.
    @Sendable static func batch(_ text: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value == -1 || value >= 1 else {
            throw InvalidValue(description: "expected -1 (all rows) or a whole number of rows >= 1")
        }
        return value
    }
}
