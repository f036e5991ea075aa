import Foundation

/// The outcome of running a program to completion.
public struct ProcessOutput {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// Runs `executable` with `arguments` and waits for it; output is collected in files so large outputs cannot
/// block the child. `environment` adds to (or replaces) the test's own variables.
public func runProcess(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                       environment: [String: String] = [:]) throws -> ProcessOutput {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-proc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    return ProcessOutput(status: process.terminationStatus,
                         standardOutput: try String(contentsOf: outURL, encoding: .utf8),
                         standardError: try String(contentsOf: errURL, encoding: .utf8))
}

/// The first executable called `name` on `PATH`.
public func executableOnPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// The folder holding the built products (`.build/debug` or `.build/release`), found from the test bundle.
public var productsDirectory: URL {
    var url = Bundle.main.bundleURL
    while url.pathComponents.count > 1 {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("kan").path) { return url }
        url.deleteLastPathComponent()
    }
    return Bundle.main.bundleURL.deletingLastPathComponent()
}

/// Compiles one Swift source file with `swiftc` and runs it, returning what it printed.
public func compileAndRunSwift(_ source: String) throws -> String {
    guard let swiftc = executableOnPath("swiftc") else { throw SwiftCompileFailure(message: "swiftc is not on PATH") }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-swiftc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let sourceURL = scratch.appendingPathComponent("main.swift")
    let binaryURL = scratch.appendingPathComponent("main")
    try source.write(to: sourceURL, atomically: false, encoding: .utf8)
    // The Swift driver leaves an empty `TemporaryDirectory.XXXXXX` in TMPDIR per compile: keep it in the scratch.
    let compile = try runProcess(swiftc, [sourceURL.path, "-o", binaryURL.path], environment: ["TMPDIR": scratch.path])
    guard compile.status == 0 else {
        throw SwiftCompileFailure(message: "swiftc failed:\n\(compile.standardError)\n--- source ---\n\(source)")
    }
    let run = try runProcess(binaryURL, [])
    guard run.status == 0 else { throw SwiftCompileFailure(message: "program failed: \(run.standardError)") }
    return run.standardOutput
}

/// Why compiling or running generated Swift failed.
public struct SwiftCompileFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
