/// Why a file could not be read; every case names the path the user gave and says what would work, in words
/// rather than a system's codes (`NSCocoaErrorDomain error 256`).
public enum FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing at the path.
    case missing(path: String)
    /// A symbolic link to a path where nothing is.
    case danglingLink(path: String, target: String)
    /// A directory, a device, a FIFO or a socket.
    case notARegularFile(path: String, kind: String)
    /// The process may not read the file; `detail` gives its mode, its owner and who is asking.
    case permissionDenied(path: String, detail: String)
    /// Text that is not UTF-8: the first bad byte, its offset and line (1-based).
    case notUTF8(path: String, byte: UInt8, offset: Int, line: Int)
    /// A system call failed; `reason` is the system's message.
    case system(path: String, operation: String, reason: String)

    /// The path the user gave.
    public var path: String {
        switch self {
        case .missing(let path), .danglingLink(let path, _), .notARegularFile(let path, _), .permissionDenied(let path, _),
             .notUTF8(let path, _, _, _), .system(let path, _, _):
            return path
        }
    }

    /// What went wrong, without the path.
    public var reason: String {
        switch self {
        case .missing: return "no such file"
        case .danglingLink(_, let target): return "it is a symbolic link to \(target), which does not exist"
        case .notARegularFile(_, let kind): return "it is \(kind), not a file; give the path of a file"
        case .permissionDenied(_, let detail): return "permission denied (\(detail))"
        case .notUTF8(_, let byte, let offset, let line):
            let hint = byte == 0xFF || byte == 0xFE ? "; UTF-16, as some spreadsheets export? save it as UTF-8" : "; save it as UTF-8 text"
            return "not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset) (line \(line))\(hint)"
        case .system(_, let operation, let reason): return "\(operation): \(reason)"
        }
    }

    public var description: String { "cannot read \(path): \(reason)" }
}
