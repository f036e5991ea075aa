import Files
import Foundation
import Testing

/// `OutputPaths.check` lets an output replace nothing but a file of its own kind, and never a file read.
@Suite("Output paths")
struct OutputPathsTests {
    static let model = OutputKind.jsonObject("a model", key: "formatVersion")

    struct Refused: Error, CustomStringConvertible {
        var description: String { "not here" }
    }

    /// A fresh folder holding `files` (name and contents), removed by the caller.
    static func folder(_ files: [String: String] = [:]) throws -> URL {
        let url = try AtomicFileTests.folder()
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    static func message(_ outputs: [OutputPath], inputs: [InputPath] = []) -> String? {
        do {
            try OutputPaths.check(outputs, inputs: inputs)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a new path, an empty file or a file of the same kind may be written; another kind is refused, quoted")
    func kinds() throws {
        let folder = try Self.folder(["m.json": "\u{FEFF} {\"formatVersion\": 1}", "data.csv": "x,y\n1,2\n", "empty": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["new.json", "m.json", "empty"] {
            #expect(Self.message([OutputPath(option: "--save", path: folder.appendingPathComponent(name).path, kind: Self.model)]) == nil)
        }
        #expect(Self.message([OutputPath(option: "--save", path: nil, kind: Self.model)]) == nil)
        let data = folder.appendingPathComponent("data.csv").path
        #expect(Self.message([OutputPath(option: "--save", path: data, kind: Self.model)])
                == "--save \(data): the file exists and is not a model (it starts 'x,y'); refusing to replace it: give a new path, or move the file away first")
        #expect(try String(contentsOfFile: data, encoding: .utf8) == "x,y\n1,2\n")
        let column = OutputKind.text("one column") { !$0.contains(",") }
        #expect(Self.message([OutputPath(option: "-o", path: data, kind: column)]) != nil)
        #expect(Self.message([OutputPath(option: "-o", path: folder.appendingPathComponent("m.json").path, kind: .jsonLines)]) == nil)
    }

    @Test("an output naming an input or another output is refused, unless it may replace that input")
    func inputs() throws {
        let folder = try Self.folder(["m.json": "{\"formatVersion\": 1}"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("m.json").path
        let input = InputPath(option: "--from", path: folder.appendingPathComponent("./m.json").path)
        #expect(Self.message([OutputPath(option: "--save", path: path, kind: Self.model)], inputs: [input])
                == "--save \(path) is the file --from reads (\(input.path!)); writing it would destroy the input: give another path")
        #expect(Self.message([OutputPath(option: "--save", path: path, kind: Self.model, mayReplace: ["--from"])], inputs: [input]) == nil)
        let other = folder.appendingPathComponent("out.json").path
        #expect(Self.message([OutputPath(option: "--save", path: other, kind: Self.model), OutputPath(option: "--plot", path: other, kind: Self.model)])
                == "--save and --plot name the same file (\(other)); give each its own")
    }

    @Test("a path that cannot be saved, or that the kind refuses, fails first, named by its option")
    func targets() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let refusing = OutputKind(name: "a picture", holds: { _, _ in true }, checkPath: { _ in throw Refused() })
        #expect(Self.message([OutputPath(option: "-o", path: folder.appendingPathComponent("p.svg").path, kind: refusing)]) == "-o not here")
        let message = Self.message([OutputPath(option: "--save", path: folder.path, kind: Self.model)])
        #expect(message == "--save \(FileWriteError.notARegularFile(path: folder.path, kind: "a directory"))")
    }
}
