import Foundation

/// Saves a file whole or not at all, without damaging what the path names.
///
/// `write(_:to:)` writes the bytes to a temporary file in the target's directory, named
/// `.NAME.swiftkan-save-PID.tmp` so a user can tell what and whose it is, flushes it to disk (`fsync`), and renames
/// it over the target (`rename(2)` replaces a file atomically). Unlike Foundation's `.atomic` writes it
///
/// - refuses a target that is a directory, a device, a FIFO or a socket, or a read-only file, naming the path, and
///   leaves it as it was;
/// - follows a symbolic link on purpose: the file the link points to (through any chain of links) is replaced and
///   the link is kept;
/// - keeps an existing file's permission bits (a new file gets `0666` less the umask, as any created file);
/// - leaves no temporary file behind on an error, and nothing in `/tmp`; a save killed half-way leaves its
///   temporary file, which the next save to the same target removes. A save holds an exclusive `flock` on its
///   temporary file until the rename, so a file nobody holds is abandoned, whatever its PID says (the process
///   may be gone, or its number reused by another).
public enum AtomicFile {
    /// The longest chain of symbolic links followed from a target.
    public static let maximumLinks = 40

    /// Writes `data` to `path` atomically (see the type's description).
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let (target, mode) = try inspect(path)
        let (directory, name) = split(target)
        removeAbandonedTemporaryFiles(of: name, in: directory)
        let (temporary, descriptor) = try createTemporaryFile(for: name, in: directory, path: path)
        // The lock lasts until the descriptor closes, after the rename: a concurrent save's clean-up sees it held.
        defer { close(descriptor) }
        do throws(FileWriteError) {
            if let mode, fchmod(descriptor, mode) != 0 { throw failure(path, "cannot keep its permissions") }
            try writeAll(data, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush to disk") }
            guard rename(temporary, target) == 0 else { throw failure(path, "cannot replace it") }
        } catch {
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// Checks that `write(_:to:)` may save to `path`: not a directory, device, FIFO, socket or read-only file, in
    /// an existing folder where this process can create files (a temporary file is created and removed: a
    /// read-only folder or file system fails here, whoever runs it). Commands call it before long work, so a bad
    /// output path fails first.
    public static func checkTarget(_ path: String) throws(FileWriteError) {
        let (directory, name) = split(try inspect(path).target)
        var info = stat()
        guard stat(directory, &info) == 0 else { throw failure(path, "cannot use its folder \(directory)") }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .system(path: path, operation: "cannot use its folder \(directory)", reason: "not a directory")
        }
        let (temporary, descriptor) = try createTemporaryFile(for: name, in: directory, path: path)
        close(descriptor)
        unlink(temporary)
    }

    /// Whether two paths name the same file once symbolic links are followed: the same device and inode when both
    /// exist, else the same absolute path (a file not yet written is the same as another path to be written).
    public static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        let firstExists = stat(first, &a) == 0, secondExists = stat(second, &b) == 0
        if firstExists && secondExists { return a.st_dev == b.st_dev && a.st_ino == b.st_ino }
        if firstExists != secondExists { return false }
        guard let one = try? resolvingLinks(first), let other = try? resolvingLinks(second) else { return false }
        return URL(fileURLWithPath: one).standardizedFileURL.path == URL(fileURLWithPath: other).standardizedFileURL.path
    }

    /// The file to replace (links followed) and its permission bits, nil for a new file; refuses what must not be
    /// replaced.
    private static func inspect(_ path: String) throws(FileWriteError) -> (target: String, mode: mode_t?) {
        let target = try resolvingLinks(path)
        let name = split(target).name
        guard !name.isEmpty, name != ".", name != ".." else { throw .notARegularFile(path: path, kind: "a directory") }
        var info = stat()
        guard lstat(target, &info) == 0 else {
            if errno == ENOENT { return (target, nil) }
            throw failure(path, "cannot inspect it")
        }
        if let kind = FileKind.irregular(info.st_mode) { throw .notARegularFile(path: path, kind: kind) }
        guard info.st_mode & S_IWUSR != 0 else { throw .readOnly(path: path) }
        return (target, info.st_mode & 0o7777)
    }

    /// The temporary file's name for a target called `name`, written by process `pid` (`attempt` > 0 when an
    /// earlier name was taken).
    static func temporaryName(for name: String, pid: pid_t, attempt: Int = 0) -> String {
        ".\(name).swiftkan-save-\(pid)\(attempt > 0 ? "-\(attempt)" : "").tmp"
    }

    /// The file `path` names once symbolic links are followed (the path itself when it does not exist yet).
    static func resolvingLinks(_ path: String) throws(FileWriteError) -> String {
        var current = path
        for _ in 0...maximumLinks {
            var info = stat()
            guard lstat(current, &info) == 0 else {
                if errno == ENOENT { return current }
                throw failure(path, "cannot inspect it")
            }
            guard info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
            let count = buffer.withUnsafeMutableBytes { readlink(current, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
            guard count >= 0 else { throw failure(path, "cannot read the symbolic link \(current)") }
            let destination = String(decoding: buffer[..<count], as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : split(current).directory + "/" + destination
        }
        throw .tooManyLinks(path: path)
    }

    /// A path's directory (`.` when it has none) and last component.
    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Creates the temporary file exclusively (never opening an existing one), readable and writable by its owner
    /// until the permissions are set, and locked (`flock`) so no other save's clean-up removes it. A file that
    /// another clean-up removed between its creation and the lock is given up for the next name.
    private static func createTemporaryFile(for name: String, in directory: String, path: String) throws(FileWriteError) -> (String, Int32) {
        for attempt in 0..<100 {
            let temporary = directory + "/" + temporaryName(for: name, pid: getpid(), attempt: attempt)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                if errno != EEXIST { throw failure(path, "cannot create a temporary file in \(directory)") }
                continue
            }
            var held = stat(), named = stat()
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &held) == 0, stat(temporary, &named) == 0,
               held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return (temporary, descriptor)
            }
            close(descriptor)
        }
        throw .system(path: path, operation: "cannot create a temporary file in \(directory)", reason: "100 names are taken")
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(FileWriteError) {
        let error: Int32? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let error { throw .system(path: path, operation: "cannot write the data", reason: String(cString: strerror(error))) }
    }

    /// Removes temporary files of `name` left by saves killed half-way: those no save holds locked. A live save
    /// holds its lock from creating the file to renaming it, so only abandoned files are removed, whatever process
    /// now has the PID in their name.
    private static func removeAbandonedTemporaryFiles(of name: String, in directory: String) {
        let prefix = ".\(name).swiftkan-save-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let path = directory + "/" + entry
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(path)
        }
    }

    /// Flushes the rename to disk; a file system that cannot sync a directory is not an error.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ path: String, _ operation: String) -> FileWriteError {
        .system(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
