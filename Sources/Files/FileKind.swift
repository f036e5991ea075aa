import Foundation

/// What a path names when it is not a regular file, in words for messages.
public enum FileKind {
    /// `a directory`, `a character device`, ... for a mode that is not a regular file's; nil for a regular file.
    public static func irregular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}
