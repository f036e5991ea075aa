import Foundation

/// What an output writes, told by the start of a file. An existing file at an output's path is replaced only when
/// it holds the same kind of thing (or nothing), so a typo never turns a data file, a model or a report into
/// something else (`OutputPaths.check`). Each module defines the kinds it writes (`.checkpoint` in KAN, `.plot` in
/// Plotting ...).
public struct OutputKind: Sendable {
    /// What the kind is called in messages: `a checkpoint`.
    public let name: String
    /// Whether a file starting with these bytes (its first 4 KB) holds this kind; the path tells a format by its
    /// extension.
    public let holds: @Sendable (_ start: Data, _ path: String) -> Bool
    /// Checks a path before any work is done (a plot's extension names a format), throwing why it cannot be used.
    public let checkPath: @Sendable (_ path: String) throws -> Void

    public init(name: String, holds: @escaping @Sendable (Data, String) -> Bool,
                checkPath: @escaping @Sendable (String) throws -> Void = { _ in }) {
        self.name = name
        self.holds = holds
        self.checkPath = checkPath
    }

    /// Text whose first line, after leading white space and a byte-order mark, satisfies `firstLine`.
    public static func text(_ name: String, firstLine: @escaping @Sendable (Substring) -> Bool) -> OutputKind {
        OutputKind(name: name) { bytes, _ in firstLine(start(bytes).prefix { $0 != "\n" && $0 != "\r" }) }
    }

    /// A JSON object, holding `key` somewhere when one is given.
    public static func jsonObject(_ name: String, key: String? = nil) -> OutputKind {
        OutputKind(name: name) { bytes, _ in
            start(bytes).hasPrefix("{") && key.map { String(decoding: bytes, as: UTF8.self).contains("\"\($0)\"") } ?? true
        }
    }

    /// JSON lines appended to (`AppendedLines`): empty, or lines that are JSON objects.
    public static let jsonLines = jsonObject("JSON lines")

    /// The text of `bytes` from its first character that is not white space or a byte-order mark.
    private static func start(_ bytes: Data) -> Substring {
        String(decoding: bytes, as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    }
}
