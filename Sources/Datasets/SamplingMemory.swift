import Optimization

/// The memory sampling a data set takes, estimated before anything is drawn so that a request too large for this
/// machine is refused at once: the samples, their train/test matrices and the copies training and discovery make,
/// about four times the raw values.
public struct SamplingMemory: Sendable, Equatable {
    /// The points sampled (training and test together) and the values of each (inputs and target).
    public let rows: Int
    public let columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// The memory of `trainCount` training and `testCount` test points of a formula of `variables` variables (and
    /// its target). A count past `Int.max` is far past any machine's memory: counted as `Int.max`.
    public init(trainCount: Int, testCount: Int, variables: Int) {
        let points = trainCount.addingReportingOverflow(testCount)
        self.init(rows: points.overflow ? .max : points.partialValue, columns: variables + 1)
    }

    /// The estimate in bytes.
    public var bytes: Double { 4 * 8 * Double(rows) * Double(columns) }

    /// Throws when the estimate is above `MemoryBudget.allowedShare` of `memory` (this machine's, unless given).
    public func checkWithin(memory: Double = MemoryBudget.physicalMemory) throws(SamplingMemoryError) {
        guard bytes > MemoryBudget.allowedShare * memory else { return }
        throw SamplingMemoryError(rows: rows, columns: columns, needed: bytes, available: memory)
    }
}

/// Sampling whose `SamplingMemory` estimate is above the memory budget: how many points of how many values, the
/// bytes they would need and the bytes the machine has.
public struct SamplingMemoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    public let needed: Double
    public let available: Double

    /// `would need about 80.0 GB, more than 50% of this machine's 16.0 GB of memory`.
    public var shortfall: String {
        "would need about \(MemoryBudget.describe(bytes: needed)), \(MemoryBudget.limit(of: available))"
    }

    /// `1000000000 points of 3 values would need about 96.0 GB, more than 50% of ...`.
    public var description: String { "\(rows) points of \(columns) values \(shortfall)" }
}
