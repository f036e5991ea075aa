import Foundation

/// Where the tasks' data files are: in the repository, or beside it in `../shared/data` as the README's commands
/// use them. Found from this file's place, so the tasks run from any folder.
enum DataFiles {
    /// The repository's root: this file is `Benchmarks/Benchmarks/KANBenchmarks/DataFiles.swift` in it.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// UCI heart disease (Cleveland), as the heart-disease example reads it.
    static let heart = repository.appendingPathComponent("Examples/HeartDisease/heart.csv")
    /// MNIST digits 0 and 1 as IDX files; not in the repository (see `../shared/data/README.md`).
    static let mnist = repository.appendingPathComponent("../shared/data/mnist01").standardizedFileURL
}
