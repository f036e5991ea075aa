import Foundation
import Symbolic
import Testing
import TestSupport

/// Paths that are not readable files, and files that are not what a command reads, given to every command that
/// reads one: a table of (command line, what is at PATH, message). Each refusal names the path and says what it is
/// in words, never a system code (`NSCocoaErrorDomain error 256`, "You don't have permission" to root); nothing is
/// written.
@Suite("kan: files read")
struct FileInputTests {
    /// What a test puts at PATH.
    enum Content: Sendable, CustomTestStringConvertible {
        case text(String), bytes([UInt8]), directory, link(String), nothing

        var testDescription: String { "\(self)".excerpt() }

        func make(at path: String) throws {
            switch self {
            case .text(let text): try text.write(toFile: path, atomically: false, encoding: .utf8)
            case .bytes(let bytes): _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case .link(let target): try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            case .nothing: break
            }
        }
    }

    static let lib = ["suggest", "m.json", "--edge", "0,0,0", "--lib", "PATH"]

    static let cases: [([String], Content, String)] = [
        // CSV data.
        (["train", "--data", "PATH", "--target", "y"], .directory, "PATH: it is a directory, not a file; give the path of a file"),
        (["train", "--data", "PATH", "--target", "y"], .link("/dev/null"), "PATH: it is a character device, not a file"),
        (["train", "--data", "PATH", "--target", "y"], .nothing, "PATH: no such file"),
        (["train", "--data", "PATH", "--target", "y"], .link("gone.csv"), "PATH: it is a symbolic link to gone.csv, which does not exist"),
        (["train", "--data", "PATH", "--target", "y"], .bytes([0xFF, 0xFE, 0x61, 0x00]), "PATH: not UTF-8 text: byte 0xFF at offset 0 (line 1); UTF-16"),
        (["predict", "m.json", "--data", "PATH"], .nothing, "PATH: no such file"),
        (["predict", "m.json", "--data", "PATH"], .bytes(Array("x1,x2\n0.5,".utf8) + [0xC3, 0x28]), "PATH: not UTF-8 text: byte 0xC3 at offset 10 (line 2)"),
        (["bench", "feynman", "--equations", "PATH"], .directory, "PATH: it is a directory, not a file"),
        // Checkpoints.
        (["distill", "PATH"], .directory, "cannot load checkpoint PATH: it is a directory, not a file"),
        (["distill", "PATH"], .link("/dev/null"), "cannot load checkpoint PATH: it is a character device, not a file"),
        (["distill", "PATH"], .text(""), "cannot load checkpoint PATH: it is empty; expected a checkpoint"),
        (["distill", "PATH"], .text("nope"), "cannot load checkpoint PATH: it is not JSON (or it is cut short)"),
        (["distill", "PATH"], .text("[1, 2]"), "it is JSON, but not a checkpoint (an object with formatVersion and model, as kan train --save writes): at the top level, expected an object, found an array"),
        (["distill", "PATH"], .text("{\"formatVersion\": 2, \"model\": []}"), "at model, expected an object, found an array"),
        (["train", "--from", "PATH"], .text("{\"data\": 1}"), "at the top level, 'formatVersion' is missing"),
        (["predict", "PATH", "--data", "rows.csv"], .directory, "cannot read PATH: it is a directory, not a file"),
        (["predict", "PATH", "--data", "rows.csv"], .text("{}"), "it is JSON, but not a checkpoint"),
        // Function libraries.
        (lib, .directory, "cannot read library PATH: it is a directory, not a file"),
        (lib, .link("/dev/null"), "cannot read library PATH: it is a character device, not a file"),
        (lib, .text("[1]"), "it is JSON, but not a function library ({\"functions\": [{\"name\": ..., \"definition\": ..., \"complexity\": ...}]}): at the top level, expected an object, found an array"),
        (lib, .text("{\"functions\": {}}"), "at functions, expected an array, found an object"),
        (lib, .text("{\"functions\": [{\"name\": 3}]}"), "at functions[0].name, expected a string, found a number"),
        (lib, .text("{\"functions\": ["), "it is not JSON (or it is cut short); expected a function library"),
    ]

    @Test("a path that is not a readable file of the right kind: refused in words, naming the path; nothing written", arguments: cases)
    func refused(arguments: [String], content: Content, fragment: String) throws {
        let folder = try OptionValidationTests.folderWithModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "x1,x2\n0.5,0.25\n".write(to: folder.appendingPathComponent("rows.csv"), atomically: false, encoding: .utf8)
        let path = folder.appendingPathComponent("input").path
        try content.make(at: path)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let scratch = folder.appendingPathComponent("tmp").path
        let result = try runProcess(OptionValidationTests.kan, arguments.map { $0 == "PATH" ? path : $0 }, in: folder,
                                    environment: ["TMPDIR": scratch])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(fragment.replacingOccurrences(of: "PATH", with: path)), "\(result.standardError)")
        for raw in ["NSCocoaErrorDomain", "The operation could not be completed", "permission", "DecodingError"] {
            #expect(!result.standardError.contains(raw), "\(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }
}
