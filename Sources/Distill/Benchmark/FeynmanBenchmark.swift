import Datasets
import Foundation
import KAN
import Symbolic

/// The Feynman benchmark, usable without the command line: discovery run on equations of an AI Feynman table, each
/// sampled with Gaussian noise on the target, and each result judged by SRBench's rule (`RecoveryCheck`).
/// `kan bench feynman` parses its options into one and prints what `run` returns.
///
///     let table = try FeynmanTable.load(path: "../shared/data/feynman_dev.csv")
///     var benchmark = FeynmanBenchmark(library: try DiscoveryOptions.defaultLibrary())
///     benchmark.timeLimit = 20
///     try benchmark.check(table, file: "feynman_dev.csv")
///     let results = try table.map { try benchmark.run($0) }
///     print(FeynmanSummary(results)?.recovered ?? 0)
public struct FeynmanBenchmark: Sendable {
    /// Noise standard deviation as a multiple of the target's root mean square (SRBench: 0, 0.001, 0.01, 0.1).
    public var noise = 0.0
    /// Points sampled per equation, a quarter held out for testing.
    public var points = 10_000
    /// Seconds of search per equation.
    public var timeLimit = 60.0
    /// Seed of the sampling and the search.
    public var seed: UInt64 = 0
    /// Parts of the search left out (an ablation).
    public var without: Set<DiscoveryIngredient> = []
    /// A units table and its path (for messages): each search then runs on dimensionless groups.
    public var units: (table: UnitsTable, file: String)?
    public var library: FunctionLibrary

    public init(library: FunctionLibrary) {
        self.library = library
    }

    /// The equations of `table` (read from `file`) that `names` lists (all when nil), in the table's order; every
    /// name must be in the table.
    public static func selection(_ table: [FeynmanEquation], file: String, names: [String]?) throws(BenchmarkError) -> [FeynmanEquation] {
        guard let names else { return table }
        let known = Set(table.map(\.name))
        let unknown = names.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw .unknownEquations(file: file, names: unknown, available: table.map(\.name)) }
        return table.filter { names.contains($0.name) }
    }

    /// The promises checked before any search, for `equations` of the table `file`: their data fit in memory,
    /// every variable and output has units (with a units table), and every equation samples to finite targets
    /// (a formula undefined or overflowing on its ranges, or noise that overflows the targets, is named).
    public func check(_ equations: [FeynmanEquation], file: String) throws(BenchmarkError) {
        try checkMemory(for: equations)
        if let units {
            for equation in equations {
                do { _ = try units.table.dimensions(of: equation.variables + [equation.output], file: units.file) } catch {
                    throw .equation(equation, file: file, reason: "\(error)")
                }
            }
        }
        for equation in equations {
            do {
                _ = try equation.dataset(points: points, noise: noise, seed: seed)
            } catch {
                switch error {
                case .invalidData(_, let reason): throw .equation(equation, file: file, reason: reason)
                case .invalidOption(let name, let value, let reason): throw .setting(name: name, value: value, reason: reason)
                default: throw .equation(equation, file: file, reason: "\(error)")
                }
            }
        }
    }

    /// Samples `equation`, runs discovery on it within `timeLimit` and judges the chosen formula.
    public func run(_ equation: FeynmanEquation, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> FeynmanResult {
        let dataset = try equation.dataset(points: points, noise: noise, seed: seed)
        var options = DiscoveryOptions(timeLimit: timeLimit, seed: seed, library: library)
        options.without = without
        let (result, outcome) = try Discoverer.discover(dataset, units: units, options: options, progress: progress)
        return try FeynmanResult(equation, discovery: result, units: outcome, noise: noise, seed: seed)
    }

    /// Refuses `points` whose data (inputs, targets, the split's copies and discovery's own: `SamplingMemory`)
    /// would take more than `MemoryBudget.allowedShare` of this machine's memory.
    private func checkMemory(for equations: [FeynmanEquation]) throws(BenchmarkError) {
        let widest = equations.map(\.variables.count).max() ?? 1
        do throws(SamplingMemoryError) { try SamplingMemory(rows: points, columns: widest + 1).checkWithin() } catch {
            throw .setting(name: "points", value: "\(points)", reason: "the data of an equation with \(widest) variables \(error.shortfall); sample fewer points")
        }
    }
}

/// The benchmark's rates: equations recovered out of those run, and the median and longest search.
public struct FeynmanSummary: Sendable {
    public var recovered: Int
    public var count: Int
    public var medianSeconds: Double
    public var maxSeconds: Double

    /// Nil for no results.
    public init?(_ results: [FeynmanResult]) {
        guard !results.isEmpty else { return nil }
        let times = results.map(\.seconds).sorted()
        recovered = results.filter(\.recovered).count
        count = results.count
        medianSeconds = (times[(times.count - 1) / 2] + times[times.count / 2]) / 2
        maxSeconds = times.last!
    }
}
