import Files
import Foundation
import Testing

/// `AtomicFile` saves whole files and damages nothing the path names: devices, FIFOs, directories and read-only
/// files are refused and survive, links are followed, permissions kept, no temporary file is left anywhere.
@Suite("Atomic saves")
struct AtomicFileTests {
    /// A fresh empty folder, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : 0
    }

    static func entries(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("a new file and a replaced file hold exactly the bytes; nothing else is left in the folder")
    func writesWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("m.json").path
        try AtomicFile.write(Data("first".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("first".utf8))
        try AtomicFile.write(Data(), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        try AtomicFile.write(Data("second".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("second".utf8))
        #expect(try Self.entries(folder) == ["m.json"])
        let umask = try currentUmask()
        #expect(Self.mode(path) & 0o777 == 0o666 & ~umask)
    }

    @Test("an existing file keeps its permission bits", arguments: [0o600, 0o640, 0o755] as [mode_t])
    func keepsPermissions(mode: mode_t) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("private.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, mode) == 0)
        try AtomicFile.write(Data("new".utf8), to: path)
        #expect(Self.mode(path) & 0o7777 == mode)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    @Test("a FIFO, a device, a directory or a read-only file is refused by name and left as it was")
    func refusesSpecialTargets() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let readOnly = folder.appendingPathComponent("frozen.json").path
        try Data("keep".utf8).write(to: URL(fileURLWithPath: readOnly))
        #expect(chmod(readOnly, 0o444) == 0)
        let nullLink = folder.appendingPathComponent("null-link").path
        #expect(symlink("/dev/null", nullLink) == 0)
        let directory = folder.appendingPathComponent("sub").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let cases: [(String, String)] = [
            (fifo, "a FIFO (named pipe)"), ("/dev/null", "a character device"), (nullLink, "a character device"),
            (directory, "a directory"), (directory + "/", "a directory"), (readOnly, "read-only"),
        ]
        for (path, fragment) in cases {
            do {
                try AtomicFile.write(Data("x".utf8), to: path)
                Issue.record("\(path) was written")
            } catch {
                #expect(error.description.contains("cannot write \(path): "), "\(error)")
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
        #expect(Self.mode(fifo) & S_IFMT == S_IFIFO)
        #expect(Self.mode("/dev/null") & S_IFMT == S_IFCHR)
        #expect(Self.mode(nullLink) & S_IFMT == S_IFLNK)
        #expect(Self.mode(directory) & S_IFMT == S_IFDIR)
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "keep")
        #expect(Self.mode(readOnly) & 0o7777 == 0o444)
        #expect(try Self.entries(folder) == ["frozen.json", "null-link", "pipe", "sub"])
    }

    @Test("a symbolic link (relative, absolute, chained) is followed: its target is replaced, the link kept")
    func followsLinks() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
        let real = data.appendingPathComponent("model.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        #expect(chmod(real, 0o600) == 0)
        let relative = folder.appendingPathComponent("relative.json").path
        #expect(symlink("data/model.json", relative) == 0)
        let chained = folder.appendingPathComponent("chained.json").path
        #expect(symlink(relative, chained) == 0)
        for (link, text) in [(relative, "through the relative link"), (chained, "through the chain")] {
            try AtomicFile.write(Data(text.utf8), to: link)
            #expect(try String(contentsOfFile: real, encoding: .utf8) == text)
            #expect(Self.mode(link) & S_IFMT == S_IFLNK)
        }
        #expect(Self.mode(real) & 0o7777 == 0o600)
        let dangling = folder.appendingPathComponent("dangling.json").path
        #expect(symlink("data/new.json", dangling) == 0)
        try AtomicFile.write(Data("created".utf8), to: dangling)
        #expect(try String(contentsOfFile: data.appendingPathComponent("new.json").path, encoding: .utf8) == "created")
        #expect(try Self.entries(folder) == ["chained.json", "dangling.json", "data", "relative.json"])
        #expect(try Self.entries(data) == ["model.json", "new.json"])
        let loop = folder.appendingPathComponent("loop").path
        #expect(symlink(loop, loop) == 0)
        #expect(throws: FileWriteError.tooManyLinks(path: loop)) { try AtomicFile.write(Data(), to: loop) }
    }

    @Test("a missing folder is an error naming the path; a save killed half-way is cleaned up by the next one, whatever its PID")
    func failuresAndLeftovers() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("no/such/m.json").path
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data(), to: missing) }
        do { try AtomicFile.write(Data(), to: missing) } catch { #expect(error.description.hasPrefix("cannot write \(missing): ")) }
        // Left by saves that were killed: one whose PID no process has, one whose PID is alive (init's, as after
        // the number was reused), one whose PID is this process's own. None is locked, so all are abandoned.
        for pid in ["99999999", "1", "\(getpid())"] {
            try Data("partial".utf8).write(to: folder.appendingPathComponent(".m.json.swiftkan-save-\(pid).tmp"))
        }
        // A save in progress holds its temporary file locked: it stays.
        let inProgress = folder.appendingPathComponent(".m.json.swiftkan-save-2.tmp").path
        try Data("writing".utf8).write(to: URL(fileURLWithPath: inProgress))
        let descriptor = open(inProgress, O_RDONLY)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        try AtomicFile.write(Data("whole".utf8), to: folder.appendingPathComponent("m.json").path)
        #expect(try Self.entries(folder) == [".m.json.swiftkan-save-2.tmp", "m.json"])
    }

    @Test("sameFile follows links and relative paths; a file not yet written matches only its own path")
    func sameFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("d.csv").path
        try Data("a,b".utf8).write(to: URL(fileURLWithPath: data))
        #expect(symlink("d.csv", folder.appendingPathComponent("link.csv").path) == 0)
        #expect(AtomicFile.sameFile(data, folder.appendingPathComponent("link.csv").path))
        #expect(AtomicFile.sameFile(data, folder.appendingPathComponent("sub/../d.csv").path) == false)  // no folder sub
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        #expect(AtomicFile.sameFile(data, folder.appendingPathComponent("sub/../d.csv").path))
        #expect(AtomicFile.sameFile(folder.appendingPathComponent("new.json").path, folder.appendingPathComponent("sub/../new.json").path))
        #expect(!AtomicFile.sameFile(folder.appendingPathComponent("new.json").path, data))
        #expect(!AtomicFile.sameFile(folder.appendingPathComponent("a.json").path, folder.appendingPathComponent("b.json").path))
    }

    @Test("checkTarget creates nothing: it leaves the folder as it was, and refuses a folder where files cannot be created")
    func checkTargetProbes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.checkTarget(folder.appendingPathComponent("m.json").path)
        #expect(try Self.entries(folder).isEmpty)
        // A read-only file system refuses even root; /proc is one on Linux.
        #expect(throws: FileWriteError.self) { try AtomicFile.checkTarget("/proc/m.json") }
    }
}

/// The process's umask, read from /proc (setting it to read it would race with the tests running in parallel).
private func currentUmask() throws -> mode_t {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
    return try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
}
