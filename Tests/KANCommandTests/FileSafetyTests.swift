import Foundation
import Testing
import TestSupport

/// Every command that writes a file (checkpoints, plots, predictions, discovery results) refuses to replace a
/// FIFO, a device or a directory, follows links, keeps permissions, and leaves no temporary file in the folder
/// nor in `TMPDIR`.
@Suite("kan: saved files")
struct FileSafetyTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : 0
    }

    /// The commands, each writing to `target` (`model` is a saved checkpoint, `rows` a CSV of its inputs).
    static func commands(target: String, model: String, rows: String) -> [[String]] {
        let small = ["--function", "x1*x2", "--width", "2,1", "--grid", "3", "--steps", "1", "--train-num", "30", "--test-num", "10"]
        return [
            ["train"] + small + ["--quiet", "--save", target],
            ["train"] + small + ["--quiet", "--plot-loss", target + ".svg"],
            ["refine", model, "--grid", "4", "--save", target],
            ["plot", model, "-o", target + ".png"],
            ["predict", model, "--data", rows, "--output", target],
            ["discover", "--function", "x1*x2", "--time-limit", "10", "--quiet", "--save", target],
        ]
    }

    /// A fresh folder with a `tmp` scratch folder (for TMPDIR), a small trained model `m.json` and rows to predict.
    static func workspace() throws -> (folder: URL, scratch: URL, model: String, rows: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-save-\(UUID().uuidString)")
        let scratch = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let model = folder.appendingPathComponent("m.json").path, rows = folder.appendingPathComponent("rows.csv").path
        try "x1,x2\n0.5,0.25\n".write(toFile: rows, atomically: false, encoding: .utf8)
        let train = try runProcess(Self.kan, ["train", "--function", "x1*x2", "--width", "2,1", "--grid", "3", "--steps", "1",
                                              "--train-num", "30", "--test-num", "10", "--quiet", "--save", model])
        #expect(train.status == 0, "\(train.standardError)")
        return (folder, scratch, model, rows)
    }

    @Test("a FIFO, a device (through a link) or a directory is refused by name; the node survives, nothing is left behind")
    func refusesSpecialTargets() throws {
        let (folder, scratch, model, rows) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        let device = folder.appendingPathComponent("null").path
        let directory = folder.appendingPathComponent("sub").path
        for suffix in ["", ".svg", ".png"] {
            #expect(mkfifo(fifo + suffix, 0o600) == 0)
            #expect(symlink("/dev/null", device + suffix) == 0)
            try FileManager.default.createDirectory(atPath: directory + suffix, withIntermediateDirectories: false)
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for (target, kind) in [(fifo, "a FIFO"), (device, "a character device"), (directory, "a directory")] {
            for arguments in Self.commands(target: target, model: model, rows: rows) {
                let result = try runProcess(Self.kan, arguments, environment: ["TMPDIR": scratch.path])
                #expect(result.status == 1, "\(arguments)")
                #expect(result.standardError.contains(target), "\(arguments): \(result.standardError)")
                #expect(result.standardError.contains(kind), "\(arguments): \(result.standardError)")
            }
        }
        for suffix in ["", ".svg", ".png"] {
            #expect(Self.mode(fifo + suffix) & S_IFMT == S_IFIFO)
            #expect(Self.mode(device + suffix) & S_IFMT == S_IFLNK)
            #expect(Self.mode(directory + suffix) & S_IFMT == S_IFDIR)
        }
        #expect(Self.mode("/dev/null") & S_IFMT == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    /// An earlier output of the kind `arguments` writes: what a save may replace (an existing file of another
    /// kind is refused, see `TrustTests`).
    static func earlierOutput(of arguments: [String]) -> Data {
        switch (arguments[0], arguments.last!.hasSuffix(".svg"), arguments.last!.hasSuffix(".png")) {
        case (_, true, _): return Data("<?xml version=\"1.0\"?><svg/>".utf8)
        case (_, _, true): return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])
        case ("predict", _, _): return Data("y\n1.5\n".utf8)
        case ("discover", _, _): return Data("{\"formula\": \"x1\"}".utf8)
        default: return Data("{\"formatVersion\": 2}".utf8)
        }
    }

    @Test("a file with permissions 600 behind a link is replaced through the link and keeps 600; nothing is left behind")
    func keepsPermissionsAndLinks() throws {
        let (folder, scratch, model, rows) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real").path, link = folder.appendingPathComponent("link").path
        for suffix in ["", ".svg", ".png"] {
            try "old".write(toFile: real + suffix, atomically: false, encoding: .utf8)
            #expect(chmod(real + suffix, 0o600) == 0)
            #expect(symlink("real" + suffix, link + suffix) == 0)
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for arguments in Self.commands(target: link, model: model, rows: rows) {
            let suffix = [".svg", ".png"].first { arguments.last!.hasSuffix($0) } ?? ""
            let earlier = Self.earlierOutput(of: arguments)
            let handle = try #require(FileHandle(forWritingAtPath: real + suffix))
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: earlier)
            try handle.close()
            let result = try runProcess(Self.kan, arguments, environment: ["TMPDIR": scratch.path])
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            #expect(Self.mode(real + suffix) & 0o7777 == 0o600)
            #expect(Self.mode(link + suffix) & S_IFMT == S_IFLNK)
            #expect(try Data(contentsOf: URL(fileURLWithPath: real + suffix)) != earlier)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
