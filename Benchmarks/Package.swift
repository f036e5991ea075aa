// swift-tools-version: 6.2
// Benchmarks live in their own package so the main build and CI stay lean:
//   swift run -c release --package-path Benchmarks kan-benchmarks
import PackageDescription

let package = Package(
    name: "KANBenchmarks",
    dependencies: [
        .package(name: "SwiftKAN", path: ".."),
        .package(url: "https://github.com/google/swift-benchmark", from: "0.1.2"),
    ],
    targets: [
        .executableTarget(
            name: "kan-benchmarks",
            dependencies: [
                .product(name: "KAN", package: "SwiftKAN"),
                .product(name: "Optimization", package: "SwiftKAN"),
                .product(name: "Datasets", package: "SwiftKAN"),
                .product(name: "Fitting", package: "SwiftKAN"),
                .product(name: "Symbolic", package: "SwiftKAN"),
                .product(name: "Benchmark", package: "swift-benchmark"),
            ],
            path: "Sources/KANBenchmarks"
        )
    ]
)
