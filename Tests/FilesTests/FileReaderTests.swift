import Files
import Foundation
import Testing

/// `FileReader` and `JSONDocument`: every path that is not a readable text file, and every JSON of the wrong
/// shape, gives a message in words naming what the path is or where the document differs; none is a system code.
@Suite("Reading files and JSON documents")
struct FileReaderTests {
    /// Builds something at a path inside a folder: a file with bytes, a directory, a link.
    enum Entry: Sendable, CustomTestStringConvertible {
        case file([UInt8]), directory, link(String), nothing

        var testDescription: String { "\(self)" }

        func make(at path: String) throws {
            switch self {
            case .file(let bytes): _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case .link(let target): try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            case .nothing: break
            }
        }
    }

    static let unreadable: [(Entry, String)] = [
        (.nothing, "no such file"),
        (.directory, "it is a directory, not a file; give the path of a file"),
        (.link("/dev/null"), "it is a character device, not a file"),
        (.link("missing.csv"), "it is a symbolic link to missing.csv, which does not exist"),
        (.file([0x61, 0x2C, 0x62, 0x0A, 0x31, 0xC3, 0x28]), "not UTF-8 text: byte 0xC3 at offset 5 (line 2); save it as UTF-8 text"),
        (.file([0xFF, 0xFE, 0x61, 0x00]), "not UTF-8 text: byte 0xFF at offset 0 (line 1); UTF-16, as some spreadsheets export?"),
    ]

    @Test("paths that are not a readable UTF-8 file: the message says what the path is", arguments: unreadable)
    func unreadableText(entry: Entry, fragment: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("input.csv").path
        try entry.make(at: path)
        do {
            let text = try FileReader.text(at: path)
            Issue.record("read \(text.count) characters")
        } catch {
            #expect(error.description == "cannot read \(path): \(error.reason)")
            #expect(error.reason.contains(fragment), "\(error)")
        }
    }

    @Test("a file's bytes come back whole; a UTF-8 byte order mark is dropped from text")
    func readsWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-read-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect(try FileReader.data(at: path) == Data(bytes))
        _ = FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)))
        #expect(try FileReader.text(at: path) == "a,b\n")
    }

    @Test("a permission problem names the mode, the owner and the user", arguments: [0])
    func permission(_: Int) throws {
        let error = FileReadError.permissionDenied(path: "m.json", detail: "mode ---------, owner uid 1000; this process runs as uid 1001")
        #expect(error.description == "cannot read m.json: permission denied (mode ---------, owner uid 1000; this process runs as uid 1001)")
        guard geteuid() != 0 else { return }  // root reads any file; the real case runs only as another user
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-read-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8), attributes: [.posixPermissions: 0])
        #expect { try FileReader.data(at: path) } throws: { "\($0)".contains("permission denied (mode ---------") }
    }

    struct Shape: Decodable {
        struct Item: Decodable { let name: String; let size: Double }
        let items: [Item]
        let flag: Bool
    }

    static let documents: [(String, String)] = [
        ("", "it is empty; expected a shape"),
        ("  \n", "it is empty; expected a shape"),
        ("{\"items\": [", "it is not JSON (or it is cut short); expected a shape"),
        ("items: 1", "it is not JSON (or it is cut short)"),
        ("[1, 2]", "it is JSON, but not a shape: at the top level, expected an object, found an array"),
        ("{\"flag\": true}", "it is JSON, but not a shape: at the top level, 'items' is missing"),
        ("{\"items\": {}, \"flag\": true}", "at items, expected an array, found an object"),
        ("{\"items\": [{\"name\": \"a\", \"size\": \"big\"}], \"flag\": true}", "at items[0].size, expected a number, found a string"),
        ("{\"items\": [{\"name\": \"a\", \"size\": 1}], \"flag\": 1}", "at flag, expected true or false, found a number"),
        ("{\"items\": [{\"name\": null, \"size\": 1}], \"flag\": false}", "at items[0].name, expected a string, found null"),
    ]

    @Test("JSON of another shape is told apart from text that is not JSON, with the place and what was expected", arguments: documents)
    func wrongShape(text: String, fragment: String) {
        do {
            _ = try JSONDocument.decode(Shape.self, from: Data(text.utf8), expected: "a shape")
            Issue.record("decoded")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }
}
