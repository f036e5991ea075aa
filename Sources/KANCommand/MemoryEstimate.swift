import Foundation
import KAN

/// `KANMemory`'s estimate checked against this machine's memory, so a command refuses an option that would exhaust
/// it before anything is allocated, naming the option behind the largest part.
struct MemoryEstimate {
    var leastSquares: Double
    var parameters: Double
    var passes: Double

    var total: Double { leastSquares + parameters + passes }

    init(_ configuration: KANConfiguration, rows: Int) {
        let memory = KANMemory(configuration, rows: rows)
        (leastSquares, parameters, passes) = (memory.leastSquares, memory.parameters, memory.pass)
    }

    /// The share of physical memory a command may plan to use.
    static let allowedShare = KANMemory.allowedShare

    /// Throws, naming the estimate and what to lower (`grid`, `rows` or `width`, whichever is behind the largest
    /// part, as the user sets it: `--grid`, `--batch` ...), when the estimate is above `allowedShare` of this
    /// machine's memory.
    func check(grid gridOption: String, rows rowsOption: String, width widthOption: String) throws {
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        guard total > Self.allowedShare * memory else { return }
        let (option, part): (String, String)
        if leastSquares >= parameters, leastSquares >= passes {
            (option, part) = (gridOption, "the least-squares fits of the splines grow as the square of the grid")
        } else if passes >= parameters {
            (option, part) = (rowsOption, "each step keeps basis values for every row")
        } else {
            (option, part) = (widthOption, "every edge has grid + k coefficients")
        }
        throw CommandFailure("\(option): this model would need about \(Self.bytes(total)) (\(part)), more than \(Int(Self.allowedShare * 100))% of this machine's \(Self.bytes(memory)) of memory; lower \(option)")
    }

    /// `80.0 GB`, `512.0 MB`.
    static func bytes(_ count: Double) -> String { KANMemory.describe(bytes: count) }
}
