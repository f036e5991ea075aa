/// What can go wrong building or reading a data set; every case names the file, row, column or option at fault.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOption(name: String, value: String, reason: String)
    case shapeMismatch(what: String, expected: Int, found: Int)
    case nonFiniteData(what: String, row: Int, column: Int)
    case emptyData(String)
    case io(file: String, reason: String)
    case invalidData(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let name, let value, let reason): return "invalid \(name) = \(value): \(reason)"
        case .shapeMismatch(let what, let expected, let found): return "\(what): expected \(expected), found \(found)"
        case .nonFiniteData(let what, let row, let column): return "\(what) has a NaN or infinite value at row \(row), column \(column)"
        case .emptyData(let what): return "\(what) is empty"
        case .io(let file, let reason): return "\(file): \(reason)"
        case .invalidData(let file, let reason): return "\(file): \(reason)"
        }
    }
}
