import Foundation

/// Reads a whole file, with errors that say what the path is and what would work: a missing file, a link to
/// nothing, a directory or a device (Foundation reports these as `NSCocoaErrorDomain error 256` or "You don't have
/// permission", even to root), a permission problem with the file's mode and owner, a read error with the
/// system's message, and text that is not UTF-8 with the offset of the first bad byte.
public enum FileReader {
    /// The bytes of the regular file at `path` (symbolic links followed).
    public static func data(at path: String) throws(FileReadError) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT, lstat(path, &link) == 0, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                throw .danglingLink(path: path, target: target)
            }
            if code == ENOENT { throw .missing(path: path) }
            throw .system(path: path, operation: "cannot inspect it", reason: String(cString: strerror(code)))
        }
        if let kind = FileKind.irregular(info.st_mode) { throw .notARegularFile(path: path, kind: kind) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == EACCES {
                throw .permissionDenied(path: path, detail: "mode \(permissions(info.st_mode)), owner uid \(info.st_uid); this process runs as uid \(geteuid())")
            }
            throw .system(path: path, operation: "cannot open it", reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path: path, operation: "reading failed", reason: String(cString: strerror(errno)))
            }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// The UTF-8 text of the file at `path`, without a leading byte order mark (which spreadsheets write, and which
    /// would otherwise become part of the first column's name).
    public static func text(at path: String) throws(FileReadError) -> String {
        let data = try data(at: path)
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error:
                let line = data[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw .notUTF8(path: path, byte: data[offset], offset: offset, line: line)
            }
        }
    }

    /// `rw-r-----` for a mode.
    private static func permissions(_ mode: mode_t) -> String {
        zip(Array("rwxrwxrwx"), (0..<9).reversed()).map { letter, bit in mode & (1 << bit) != 0 ? letter : "-" }.map(String.init).joined()
    }
}
