import Foundation

/// How much of this machine's memory a command or a run may plan to use, and how an amount is told: what every
/// estimate made before allocating (a network's `KANMemory`, a data set's `SamplingMemory`) is checked against.
public enum MemoryBudget {
    /// The share of physical memory a command or a run may plan to use.
    public static let allowedShare = 0.5

    /// This machine's physical memory in bytes.
    public static var physicalMemory: Double { Double(ProcessInfo.processInfo.physicalMemory) }

    /// `80.0 GB`, `512.0 MB`.
    public static func describe(bytes count: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
        var value = count, unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        if unit == 0 { return "\(Int(value)) bytes" }
        return "\(String(format: value < 1e6 ? "%.1f" : "%.1e", value)) \(units[unit])"
    }

    /// `more than 50% of this machine's 16.0 GB of memory`, for a machine of `memory` bytes: how an estimate
    /// above the budget is refused.
    public static func limit(of memory: Double) -> String {
        "more than \(Int(allowedShare * 100))% of this machine's \(describe(bytes: memory)) of memory"
    }
}
