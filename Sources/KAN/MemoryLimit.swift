import Foundation
import Optimization

extension KANMemory {
    /// The parts of the estimate, each grown by a different setting: the grid (least squares), the width
    /// (parameters) or the rows per pass.
    public enum Part: Sendable, Equatable {
        case leastSquares, parameters, pass
    }

    /// The whole estimate in bytes.
    public var total: Double { leastSquares + parameters + pass }

    /// The largest part, the one to lower (least squares first on a tie, then a pass).
    public var largestPart: Part {
        if leastSquares >= parameters, leastSquares >= pass { return .leastSquares }
        return pass >= parameters ? .pass : .parameters
    }

    /// Throws when the estimate is above `MemoryBudget.allowedShare` of `memory` (this machine's, unless given),
    /// before anything is allocated.
    public func checkWithin(memory: Double = MemoryBudget.physicalMemory) throws(MemoryLimitError) {
        guard total > MemoryBudget.allowedShare * memory else { return }
        throw MemoryLimitError(part: largestPart, needed: total, available: memory)
    }
}

/// A KAN whose `KANMemory` estimate is above `MemoryBudget.allowedShare` of the machine's memory: how much it would
/// need, and which part is the largest, so a caller can name the setting to lower.
public struct MemoryLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    public let part: KANMemory.Part
    /// Bytes estimated and bytes of memory the machine has.
    public let needed: Double
    public let available: Double

    public var description: String {
        let reason = switch part {
        case .leastSquares: "the least-squares fits of the splines grow as the square of the grid"
        case .pass: "each step keeps basis values for every row"
        case .parameters: "every edge has grid + k coefficients"
        }
        return "this model would need about \(MemoryBudget.describe(bytes: needed)) (\(reason)), \(MemoryBudget.limit(of: available))"
    }
}
