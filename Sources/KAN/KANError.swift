import Optimization

/// What can go wrong building, training or loading a KAN; every case names the offending thing.
public enum KANError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidWidth([Int], reason: String)
    case invalidHyperparameter(name: String, value: String, reason: String)
    case shapeMismatch(what: String, expected: Int, found: Int)
    case nonFiniteData(what: String, row: Int, column: Int)
    case emptyData(String)
    case nonFiniteLoss(step: Int)
    case invalidCheckpoint(file: String, reason: String)
    case io(file: String, reason: String)
    /// Labels that do not fit the loss or the model's outputs.
    case invalidTargets(TargetError)
    case noSuchEdge(EdgeID, width: [Int])
    /// A library function an edge cannot be fixed to (its definition is not a function of `x` alone).
    case invalidSymbolicFunction(EdgeID, name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidWidth(let width, let reason):
            return "invalid width \(width): \(reason)"
        case .invalidHyperparameter(let name, let value, let reason):
            return "invalid \(name) = \(value): \(reason)"
        case .shapeMismatch(let what, let expected, let found):
            return "\(what): expected \(expected), found \(found)"
        case .nonFiniteData(let what, let row, let column):
            return "\(what) has a NaN or infinite value at row \(row), column \(column)"
        case .emptyData(let what):
            return "\(what) is empty"
        case .nonFiniteLoss(let step):
            return "the loss became NaN or infinite at step \(step); the model keeps its last finite parameters"
        case .invalidCheckpoint(let file, let reason):
            return "cannot load checkpoint \(file): \(reason)"
        case .io(let file, let reason):
            return "\(file): \(reason)"
        case .invalidTargets(let error):
            return error.description
        case .noSuchEdge(let edge, let width):
            return "there is no edge \(edge) in a model of width \(width)"
        case .invalidSymbolicFunction(let edge, let name, let reason):
            return "cannot fix edge \(edge) to \(name): \(reason)"
        }
    }
}
