import Optimization

/// What can go wrong building or training an MLP; every case names the option or shape at fault.
public enum MLPError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidWidth([Int], reason: String)
    case invalidHyperparameter(name: String, value: String, reason: String)
    case shapeMismatch(what: String, expected: Int, found: Int)
    case invalidTargets(TargetError)
    case nonFiniteLoss(epoch: Int)

    public var description: String {
        switch self {
        case .invalidWidth(let width, let reason): return "invalid MLP width \(width): \(reason)"
        case .invalidHyperparameter(let name, let value, let reason): return "invalid \(name) = \(value): \(reason)"
        case .shapeMismatch(let what, let expected, let found): return "\(what): expected \(expected), found \(found)"
        case .invalidTargets(let error): return error.description
        case .nonFiniteLoss(let epoch):
            return "the MLP's loss became NaN or infinite in epoch \(epoch); the model keeps its last finite parameters"
        }
    }
}
