import ArgumentParser
import Datasets
import Distill
import Foundation

/// `kan bench feynman`'s options read into the benchmark's terms, and its errors told in the options' names.
enum BenchOptions {
    /// `--noise`: a finite multiple of the target's root mean square from 0 to 1. More would bury the law (at 1 the
    /// noise is as large as the signal) and, near 1e300, make the targets' squares overflow.
    @Sendable static func noiseLevel(_ text: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0, value <= 1 else {
            throw InvalidValue(description: "expected a finite number >= 0 and <= 1, the noise's standard deviation as a multiple of the target's root mean square (SRBench uses 0 to 0.1)")
        }
        return value
    }

    /// `--without`: the parts of the search to leave out.
    static func ablation(_ without: String?) throws -> Set<DiscoveryIngredient> {
        try Set((without.map { try commaSeparated($0, option: "--without", unique: true) } ?? []).map { name in
            guard let ingredient = DiscoveryIngredient(rawValue: name) else {
                throw CommandFailure("--without: '\(name)' is not one of \(DiscoveryIngredient.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return ingredient
        })
    }

    /// The equations of `table` that `--only` names, then this `--shard`'s share of them (never none).
    static func equations(of table: [FeynmanEquation], file: String, only: String?, shard: String) throws -> [FeynmanEquation] {
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count > 0, (0..<count).contains(index) else {
            throw CommandFailure("--shard: expected I/N with 0 <= I < N, got '\(shard)'")
        }
        let names = try only.map { try commaSeparated($0, option: "--only", unique: true) }
        let selected = try naming { try FeynmanBenchmark.selection(table, file: file, names: names) }
        let mine = selected.enumerated().filter { $0.offset % count == index }.map(\.element)
        guard !mine.isEmpty else {
            let equations = "\(selected.count) equation\(selected.count == 1 ? "" : "s")"
            let what = only == nil ? "the table's \(equations)" : "the \(equations) chosen by --only"
            throw CommandFailure("--shard \(shard) selects none of \(what) (shard I of N runs every N-th from the I-th): use N <= \(selected.count)")
        }
        return mine
    }

    /// Runs `body`; a benchmark error about a setting or a selection is told by its option (`--points`, `--only`).
    static func naming<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BenchmarkError {
            switch error {
            case .setting(let name, let value, let reason): throw CommandFailure("--\(name) \(value): \(reason)")
            case .unknownEquations: throw CommandFailure("--only: \(error)")
            case .equation: throw CommandFailure("\(error)")
            }
        }
    }
}
