import Datasets
import Symbolic

/// Why the Feynman benchmark cannot run, found before any search: what (an equation of a table, a setting) and why.
public enum BenchmarkError: Error, Sendable, CustomStringConvertible {
    /// An equation whose data, units or truth cannot be used; `file` is the table's path when known.
    case equation(file: String?, line: Int, name: String, reason: String)
    /// Equations asked for by name that the table does not have.
    case unknownEquations(file: String, names: [String], available: [String])
    /// A setting (`points`, `noise`) that cannot be honoured, with its value.
    case setting(name: String, value: String, reason: String)

    static func equation(_ equation: FeynmanEquation, file: String? = nil, reason: String) -> BenchmarkError {
        .equation(file: file, line: equation.line, name: equation.name, reason: reason)
    }

    public var description: String {
        switch self {
        case .equation(let file?, let line, let name, let reason): return "\(file): line \(line) (\(name)): \(reason)"
        case .equation(nil, _, let name, let reason): return "\(name): \(reason)"
        case .unknownEquations(let file, let names, let available):
            let shown = available.prefix(10).joined(separator: ", ")
            let listed = available.count > 10 ? "\(shown), ... (\(available.count) in all)" : shown
            return "\(file) has no equation named \(names.map { "'\($0.excerpt())'" }.joined(separator: ", ")); its equations are \(listed)"
        case .setting(let name, let value, let reason): return "\(name) \(value): \(reason)"
        }
    }
}
