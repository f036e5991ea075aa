/// Why labels do not fit a loss and a model's outputs: the wrong number of columns, or a class index out of range.
public enum TargetError: Error, Equatable, Sendable, CustomStringConvertible {
    case shapeMismatch(what: String, expected: Int, found: Int)
    case invalidLabel(value: Double, row: Int, reason: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let what, let expected, let found): return "\(what): expected \(expected), found \(found)"
        case .invalidLabel(let value, let row, let reason): return "invalid label = \(value) at row \(row): \(reason)"
        }
    }
}
