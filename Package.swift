// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "SwiftKAN",
    products: [
        .executable(name: "kan", targets: ["KANCommand"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .library(name: "Fitting", targets: ["Fitting"]),
        .library(name: "KAN", targets: ["KAN"]),
        .library(name: "Distill", targets: ["Distill"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "MLP", targets: ["MLP"]),
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

        // Expressions, parser, simplifier, printers and the function library. No numeric dependency.
        .target(name: "Symbolic", plugins: ["EmbedSymbolLibrary"]),
        // Compiles SymbolLibrary/default.json into Symbolic, so the default library is inside every binary.
        .plugin(name: "EmbedSymbolLibrary", capability: .buildTool(), dependencies: ["EmbedSymbolLibraryTool"],
                path: "Sources/EmbedSymbolLibrary"),
        .executableTarget(name: "EmbedSymbolLibraryTool", path: "Sources/EmbedSymbolLibraryTool"),

        // Fitting y = c * f(a * x + b) + d with GSL's nonlinear least squares.
        .target(name: "Fitting", dependencies: ["Symbolic", "CGSL"]),

        // Splines, layers, training, grid update and extension, datasets and checkpoints.
        .target(name: "KAN", dependencies: ["Symbolic", "Fitting", "CZlib", .product(name: "CSV", package: "CSV.swift")]),

        // From a trained KAN to formulas: auto_symbolic, retraining, composition, rounding, export.
        .target(name: "Distill", dependencies: ["KAN", "Symbolic"]),

        // A dense baseline for comparisons, products through OpenBLAS.
        .target(name: "MLP", dependencies: ["KAN", "COpenBLAS"]),

        // Network and training-curve plots through Cairo (SVG, PNG, PDF).
        .target(name: "Plotting", dependencies: ["KAN", "CCairo"]),

        // The `kan` command-line tool.
        .executableTarget(
            name: "KANCommand",
            dependencies: [
                "Symbolic", "KAN", "Distill", "Plotting", "MLP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Examples: executable targets whose code the README shows.
        .executableTarget(name: "expression-tour", dependencies: ["Symbolic"], path: "Examples/ExpressionTour"),
        .executableTarget(name: "hellokan", dependencies: ["KAN", "Distill", "Plotting", "Symbolic"], path: "Examples/Hellokan"),
        .executableTarget(name: "deep-formula", dependencies: ["KAN", "Distill", "Symbolic"], path: "Examples/DeepFormula"),
        .executableTarget(name: "heart-disease", dependencies: ["KAN", "MLP", "Distill", "Plotting", "Symbolic"],
                          path: "Examples/HeartDisease", exclude: ["heart.csv", "README.md"]),
        .executableTarget(name: "mnist", dependencies: ["KAN", "MLP"], path: "Examples/MNIST"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "SymbolicTests",
            dependencies: [
                "Symbolic", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "KANTests", dependencies: ["KAN", "Symbolic", "TestSupport"]),
        .testTarget(name: "DistillTests", dependencies: ["Distill", "KAN", "MLP", "Symbolic", "TestSupport"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "KAN", "Symbolic", "TestSupport"]),
        .testTarget(name: "MLPTests", dependencies: ["MLP", "KAN", "TestSupport"]),
        .testTarget(name: "KANCommandTests", dependencies: ["KANCommand", "TestSupport"]),
        .testTarget(name: "GSLTests", dependencies: ["CGSL"]),
        .testTarget(name: "FittingTests", dependencies: ["Fitting", "Symbolic", "TestSupport"]),
        .testTarget(name: "OpenBLASTests", dependencies: ["COpenBLAS"]),
    ]
)
