import KAN

/// Why an edge could not be fitted or fixed, or a formula composed; each case names the edge, function or option.
public enum DistillationError: Error, Sendable, CustomStringConvertible {
    /// The model refused the request (no such edge, samples of the wrong width or not finite).
    case model(KANError)
    case notSymbolic(EdgeID)
    case noFit(EdgeID, reason: String)
    case unknownFunction(name: String, reason: String)
    case variableCount(expected: Int, found: Int)
    case invalidOption(name: String, value: String, reason: String)
    case outputMismatch(outputs: Int, labelColumns: Int)

    public var description: String {
        switch self {
        case .model(let error): return error.description
        case .notSymbolic(let edge):
            return "edge \(edge) is still a spline: fix it (autoSymbolic or fixSymbolic) before composing a formula"
        case .noFit(let edge, let reason): return "edge \(edge): no library function fits (\(reason))"
        case .unknownFunction(let name, let reason): return "cannot use library function '\(name)': \(reason)"
        case .variableCount(let expected, let found): return "\(found) variable names for \(expected) inputs"
        case .invalidOption(let name, let value, let reason): return "invalid \(name) = \(value): \(reason)"
        case .outputMismatch(let outputs, let columns):
            return "the model has \(outputs) outputs for \(columns) label column(s); distillation fits outputs to labels (mean squared error)"
        }
    }
}
