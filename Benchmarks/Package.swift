// swift-tools-version: 6.2
// Benchmarks live in their own package so the main build and CI stay lean. ordo-one/benchmark runs every task in
// a process of its own and reports wall clock, CPU time, peak resident memory and mallocs per task; from the
// repository's root:
//   swift package --package-path Benchmarks benchmark [--filter "REGEX ON THE WHOLE TASK NAME"]
import PackageDescription

let package = Package(
    name: "KANBenchmarks",
    dependencies: [
        .package(name: "SwiftKAN", path: ".."),
        // The malloc statistics only. The default traits add a runtime interposer for ARC counts, which are not
        // measured here and whose package is not among this machine's Swift packages; the plugin's warning that it
        // skips it is harmless.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KANBenchmarks",
            dependencies: [
                .product(name: "KAN", package: "SwiftKAN"),
                .product(name: "Optimization", package: "SwiftKAN"),
                .product(name: "Datasets", package: "SwiftKAN"),
                .product(name: "Fitting", package: "SwiftKAN"),
                .product(name: "Distill", package: "SwiftKAN"),
                .product(name: "Symbolic", package: "SwiftKAN"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/KANBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
