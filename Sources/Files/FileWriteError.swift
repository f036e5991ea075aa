/// Why a file could not be saved; every case names the path the user gave.
public enum FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The target exists and is not a regular file (a directory, a device, a FIFO or a socket); it is left alone.
    case notARegularFile(path: String, kind: String)
    /// The target is a regular file without write permission for its owner; it is left alone.
    case readOnly(path: String)
    /// A symbolic link that does not end (a loop, or more than `AtomicFile.maximumLinks` links).
    case tooManyLinks(path: String)
    /// A system call failed; `reason` is the system's message.
    case system(path: String, operation: String, reason: String)

    /// The path the user gave.
    public var path: String {
        switch self {
        case .notARegularFile(let path, _), .readOnly(let path), .tooManyLinks(let path), .system(let path, _, _): return path
        }
    }

    /// What went wrong, without the path.
    public var reason: String {
        switch self {
        case .notARegularFile(_, let kind): return "it is \(kind), not a regular file; give the path of a file"
        case .readOnly: return "the file is read-only (chmod u+w to allow it)"
        case .tooManyLinks: return "too many levels of symbolic links"
        case .system(_, let operation, let reason): return "\(operation): \(reason)"
        }
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
