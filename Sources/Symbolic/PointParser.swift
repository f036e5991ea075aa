import Foundation

/// Reads a point at which to evaluate an expression, written `x1=0.3, x2=2`: comma-separated `NAME=VALUE`
/// assignments (spaces around either side ignored), each value a finite number, each name given once. Empty text is
/// the point of no variables.
public enum PointParser {
    /// The values `text` assigns, by name.
    public static func parse(_ text: String) throws(PointParseError) -> [String: Double] {
        let assignments: [String]
        do { assignments = text.isEmpty ? [] : try CommaList.items(text) } catch { throw .list(error) }
        var point: [String: Double] = [:]
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { throw .notAssignment(assignment) }
            guard let value = Double(parts[1]), value.isFinite else { throw .notFinite(name: parts[0], value: parts[1]) }
            guard point.updateValue(value, forKey: parts[0]) == nil else { throw .repeatedName(parts[0]) }
        }
        return point
    }
}

/// Why a point's text was refused, in words naming the assignment, the value or the name at fault.
public enum PointParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The assignments are not a comma-separated list (an empty item).
    case list(CommaListError)
    /// An item is not `NAME=VALUE`.
    case notAssignment(String)
    /// The value given `name` is not a finite number.
    case notFinite(name: String, value: String)
    /// A name is given two values.
    case repeatedName(String)

    public var description: String {
        switch self {
        case .list(let error): return error.description
        case .notAssignment(let item): return "expected NAME=VALUE, found '\(item)'"
        case .notFinite(let name, let value): return "'\(value)' is not a finite number (for \(name))"
        case .repeatedName(let name): return "\(name) is given twice; give each variable one value"
        }
    }
}
