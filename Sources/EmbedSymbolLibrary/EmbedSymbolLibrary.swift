import Foundation
import PackagePlugin

/// Build-tool plugin: compiles `SymbolLibrary/default.json` into the `Symbolic` module as a string, so the
/// default library travels inside every binary and the JSON file stays the one place it is written.
@main
struct EmbedSymbolLibrary: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "SymbolLibrary").appending(path: "default.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSymbolLibrary.swift")
        return [
            .buildCommand(
                displayName: "Embedding SymbolLibrary/default.json",
                executable: try context.tool(named: "EmbedSymbolLibraryTool").url,
                arguments: [input.path, output.path],
                inputFiles: [input],
                outputFiles: [output]
            )
        ]
    }
}
