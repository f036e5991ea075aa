import Foundation

/// Lines appended to a file (`bench --output`): each result is added as soon as it exists, so the shards of a job
/// array, or the equations of a run that is stopped, leave what they finished. A file that cannot be appended to
/// is refused before any work (`checkTarget`), and a write that fails later is an error naming the file, never
/// ignored.
public enum AppendedLines {
    /// Checks, without writing, that lines can be appended to `path`: an existing regular file with write
    /// permission for its owner (as `AtomicFile` requires for a save), or a new file in an existing folder that
    /// takes new files. Symbolic links are followed.
    public static func checkTarget(_ path: String, option: String) throws(AppendError) {
        var info = stat()
        if stat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                throw AppendError("\(option) \(path): it is \(describe(kind)), not a file; give the path of a file to append results to")
            }
            guard info.st_mode & S_IWUSR != 0 else {
                throw AppendError("\(option) \(path): the file is read-only (chmod u+w to allow appending to it)")
            }
            guard access(path, W_OK) == 0 else { throw AppendError("\(option) \(path): cannot append to it: \(systemError())") }
            return
        }
        guard errno == ENOENT else { throw AppendError("\(option) \(path): cannot inspect it: \(systemError())") }
        var link = stat()
        if lstat(path, &link) == 0 {
            throw AppendError("\(option) \(path): it is a symbolic link to a file that does not exist; give the path of a file")
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0 else {
            throw AppendError("\(option) \(path): its folder \(folder) \(errno == ENOENT ? "does not exist" : "cannot be used: \(systemError())")")
        }
        guard folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw AppendError("\(option) \(path): \(folder) is not a folder")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw AppendError("\(option) \(path): cannot create a file in \(folder): \(systemError())")
        }
    }

    /// Appends `line` and a newline in one `write(2)` (`O_APPEND`: concurrent shards' lines do not interleave);
    /// `written` lines of this run are already in the file, for the message.
    public static func append(_ line: Data, to path: String, option: String, written: Int) throws(AppendError) {
        let data = line + Data("\n".utf8)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path, option, written) }
        var error: Int32? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if close(descriptor) != 0, error == nil { error = errno }
        if let error {
            errno = error
            throw failure(path, option, written)
        }
    }

    private static func failure(_ path: String, _ option: String, _ written: Int) -> AppendError {
        AppendError("\(option) \(path): cannot append a result: \(systemError()) (\(written) line\(written == 1 ? "" : "s") of this run written before)")
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    private static func describe(_ kind: mode_t) -> String { FileKind.irregular(kind) ?? "not a regular file" }
}

/// Why lines cannot be appended to a file: the option and path the user gave, and what to do.
public struct AppendError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
