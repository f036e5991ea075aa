// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "SwiftKAN",
    products: [
        .executable(name: "kan", targets: ["KANCommand"]),
        .library(name: "Files", targets: ["Files"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .library(name: "Fitting", targets: ["Fitting"]),
        .library(name: "Optimization", targets: ["Optimization"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "KAN", targets: ["KAN"]),
        .library(name: "Distill", targets: ["Distill"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "MLP", targets: ["MLP"]),
        .library(name: "Comparison", targets: ["Comparison"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // C libraries, each behind a module map and a one-line shim header.
        .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Saving files whole or not at all, without replacing devices, FIFOs or links; reading them and decoding
        // JSON documents with errors in words; the formats written: JSON as every document and line the tool writes,
        // text tables as reports print them. No other dependency, so every module that reads or writes files or
        // reports (libraries, CSV files, checkpoints, images, discovery and comparison reports, the command's outputs)
        // can use it.
        .target(name: "Files"),

        // Expressions, parser, simplifier, printers and the function library. No numeric dependency.
        .target(name: "Symbolic", dependencies: ["Files"], plugins: ["EmbedSymbolLibrary"]),
        // Compiles SymbolLibrary/default.json into Symbolic, so the default library is inside every binary.
        .plugin(name: "EmbedSymbolLibrary", capability: .buildTool(), dependencies: ["EmbedSymbolLibraryTool"],
                path: "Sources/EmbedSymbolLibrary"),
        .executableTarget(name: "EmbedSymbolLibraryTool", path: "Sources/EmbedSymbolLibraryTool"),

        // Fitting y = c * f(a * x + b) + d with GSL's nonlinear least squares.
        .target(name: "Fitting", dependencies: ["Symbolic", "CGSL"]),

        // Shared numerics of any model: matrices and their products (OpenBLAS), seeded randomness, the worker pool, LBFGS
        // and Adam, losses, metrics, and the memory budget every estimate made before allocating is checked against.
        .target(name: "Optimization", dependencies: ["COpenBLAS", "CMalloc"]),

        // Data sets: pykan's create_dataset on a formula, CSV files, MNIST-style IDX files, splits and names.
        .target(name: "Datasets", dependencies: ["Optimization", "Symbolic", "Files", "CZlib", .product(name: "CSV", package: "CSV.swift")]),

        // Splines, layers, training, grid update and extension, pruning, fixed (symbolic) edges and checkpoints.
        .target(name: "KAN", dependencies: ["Symbolic", "Optimization", "Datasets", "Files"]),

        // From a trained KAN to formulas: suggest/fix/auto_symbolic with the fitter, retraining, composition,
        // rounding, export.
        .target(name: "Distill", dependencies: ["KAN", "Fitting", "Symbolic", "Optimization", "Datasets", "Files"]),

        // A dense baseline for comparisons.
        .target(name: "MLP", dependencies: ["Optimization", "Datasets"]),

        // A KAN and an MLP trained on the same split and measured alike.
        .target(name: "Comparison", dependencies: ["KAN", "MLP", "Optimization", "Datasets", "Files"]),

        // Network and training-curve plots through Cairo (SVG, PNG, PDF).
        .target(name: "Plotting", dependencies: ["KAN", "Optimization", "Files", "CCairo"]),

        // The `kan` command-line tool.
        .executableTarget(
            name: "KANCommand",
            dependencies: [
                "Symbolic", "Optimization", "Datasets", "KAN", "Distill", "Plotting", "MLP", "Comparison", "Files",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Examples: executable targets whose code the README shows.
        .executableTarget(name: "expression-tour", dependencies: ["Symbolic"], path: "Examples/ExpressionTour"),
        .executableTarget(name: "hellokan", dependencies: ["KAN", "Distill", "Plotting"],
                          path: "Examples/Hellokan"),
        .executableTarget(name: "deep-formula", dependencies: ["KAN", "Datasets", "Distill", "Symbolic"], path: "Examples/DeepFormula"),
        .executableTarget(name: "heart-disease", dependencies: ["KAN", "Datasets", "MLP", "Comparison", "Distill", "Plotting", "Symbolic"],
                          path: "Examples/HeartDisease", exclude: ["heart.csv", "README.md"]),
        .executableTarget(name: "mnist", dependencies: ["KAN", "Datasets", "MLP", "Comparison"], path: "Examples/MNIST"),
        .executableTarget(name: "discover-law", dependencies: ["Datasets", "Distill", "Symbolic"], path: "Examples/DiscoverLaw",
                          exclude: ["coulomb.csv", "README.md"]),

        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: testCode),
        .testTarget(
            name: "SymbolicTests",
            dependencies: [
                "Symbolic", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: testCode
        ),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "COpenBLAS", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Optimization", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "KANTests", dependencies: ["KAN", "Optimization", "Datasets", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "DistillTests", dependencies: ["Distill", "KAN", "Fitting", "Optimization", "Datasets", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "KAN", "Optimization", "Datasets", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "ComparisonTests", dependencies: ["Comparison", "KAN", "MLP", "Optimization", "Datasets", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "MLPTests", dependencies: ["MLP", "Optimization", "Datasets", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "KANCommandTests", dependencies: ["KANCommand", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "GSLTests", dependencies: ["CGSL"], swiftSettings: testCode),
        .testTarget(name: "FittingTests", dependencies: ["Fitting", "Symbolic", "TestSupport"], swiftSettings: testCode),
        .testTarget(name: "OpenBLASTests", dependencies: ["COpenBLAS"], swiftSettings: testCode),
    ]
)

/// The tests' own code is compiled without optimisation: it only sets up cases and checks results, while the
/// numeric code it calls is built optimised (`-c release`). Optimising the tests took as long as building the rest.
var testCode: [SwiftSetting] { [.unsafeFlags(["-Onone"])] }
