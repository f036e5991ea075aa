import Foundation

// Writes a Swift file declaring `embeddedDefaultLibraryJSON` with the contents of a JSON file.
// Usage: EmbedSymbolLibraryTool INPUT.json OUTPUT.swift
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedSymbolLibraryTool INPUT.json OUTPUT.swift\n".utf8))
    exit(2)
}
let json = try String(contentsOfFile: arguments[1], encoding: .utf8)
guard !json.contains("\"\"\"#") else {
    FileHandle.standardError.write(Data("\(arguments[1]): contains \"\"\"#, which cannot be embedded\n".utf8))
    exit(1)
}
let source = """
    // Generated from SymbolLibrary/default.json by the EmbedSymbolLibrary plugin. Do not edit.

    /// The text of `SymbolLibrary/default.json`, embedded at build time.
    let embeddedDefaultLibraryJSON = #\"\"\"
    \(json)
    \"\"\"#

    """
try source.write(toFile: arguments[2], atomically: false, encoding: .utf8)
