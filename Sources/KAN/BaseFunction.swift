import Foundation

/// The fixed function `b(x)` in every edge `phi(x) = scale_base * b(x) + scale_sp * spline(x)`.
public enum BaseFunction: String, Codable, Sendable, CaseIterable {
    /// `x * sigmoid(x)`, pykan's default.
    case silu
    /// `x`.
    case identity
    /// `0`: the edge is its spline alone.
    case zero

    /// `b(x)` and `b'(x)`.
    @inline(__always)
    func valueAndDerivative(_ x: Double) -> (Double, Double) {
        switch self {
        case .silu:
            let sigmoid = 1 / (1 + Foundation.exp(-x))
            return (x * sigmoid, sigmoid * (1 + x * (1 - sigmoid)))
        case .identity:
            return (x, 1)
        case .zero:
            return (0, 0)
        }
    }
}
