import Foundation

extension JSONEncoder {
    /// Pretty-printed with sorted keys, as every JSON document the tool writes (checkpoints, discovery results,
    /// `--json` output).
    public static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    /// One object per line, keys sorted: the lines of a JSON Lines file (`AppendedLines`).
    public static var line: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
