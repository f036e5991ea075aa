import ArgumentParser
import Files
import Foundation
import Symbolic

/// Which library functions edges may become (shared by `distill` and `suggest`).
struct LibraryOptions: ParsableArguments {
    @Option(help: "A function library file (JSON, as SymbolLibrary/default.json).")
    var lib: String?

    @Option(name: .customLong("lib-names"), help: "Use only these library functions, comma-separated.")
    var libNames: String?

    /// The library file read, for checking that no output replaces it.
    var inputPaths: [InputPath] { [InputPath(option: "--lib", path: lib)] }

    /// The library these options name: the file's or the built-in one, narrowed to `--lib-names`.
    func library() throws -> FunctionLibrary {
        var library = try lib.map { try FunctionLibrary.load(from: URL(fileURLWithPath: $0)) } ?? FunctionLibrary.standard()
        if let libNames { library = try library.subset(try commaSeparated(libNames, option: "--lib-names", unique: true)) }
        return library
    }
}
