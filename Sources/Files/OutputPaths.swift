import Foundation

/// A file a program will write: the option (or setting) that names it, the path and what it writes. `mayReplace`
/// lists inputs whose file it may overwrite on purpose (`kan train --from m.json --save m.json` continues a model in
/// place).
public struct OutputPath: Sendable {
    public var option: String
    public var path: String?
    public var kind: OutputKind
    public var mayReplace: Set<String>

    public init(option: String, path: String?, kind: OutputKind, mayReplace: Set<String> = []) {
        self.option = option
        self.path = path
        self.kind = kind
        self.mayReplace = mayReplace
    }
}

/// A file (or folder) a program reads, and the option or source that names it.
public struct InputPath: Sendable {
    public var option: String
    public var path: String?

    public init(option: String, path: String?) {
        self.option = option
        self.path = path
    }
}

/// Outputs never replace inputs or files of another kind: every output path is checked before any work, so
/// nothing is computed that cannot be saved and nothing read is overwritten.
public enum OutputPaths {
    /// Checks that
    /// - each output can be saved (`AtomicFile.checkTarget`: no directory, device, FIFO or read-only file; an
    ///   existing folder where files can be created), and its kind accepts the path (a plot's extension);
    /// - no two outputs name the same file, and no output names an input (a data file, a library, a model read),
    ///   links followed, unless the output may replace that input;
    /// - an existing, non-empty file is replaced only when it holds the same kind of output (`OutputKind`).
    /// Outputs without a path are not written and pass.
    public static func check(_ outputs: [OutputPath], inputs: [InputPath] = []) throws(OutputPathError) {
        let given = outputs.compactMap { output in output.path.map { (output, $0) } }
        for (output, path) in given {
            do { try AtomicFile.checkTarget(path) } catch { throw OutputPathError("\(output.option) \(error)") }
            do { try output.kind.checkPath(path) } catch { throw OutputPathError("\(output.option) \(error)") }
        }
        for (index, (output, path)) in given.enumerated() {
            for (other, otherPath) in given[(index + 1)...] where AtomicFile.sameFile(path, otherPath) {
                throw OutputPathError("\(output.option) and \(other.option) name the same file (\(path)); give each its own")
            }
            for input in inputs where !output.mayReplace.contains(input.option) {
                guard let inputPath = input.path, AtomicFile.sameFile(path, inputPath) else { continue }
                throw OutputPathError("\(output.option) \(path) is the file \(input.option) reads (\(inputPath)); writing it would destroy the input: give another path")
            }
        }
        for (output, path) in given {
            // The start of the file tells its kind; a data file of gigabytes is not read whole to see it.
            let handle = FileHandle(forReadingAtPath: path)
            let bytes = (try? handle?.read(upToCount: 4096)) ?? nil
            try? handle?.close()
            guard let bytes, !bytes.isEmpty, !output.kind.holds(bytes, path) else { continue }
            // At most 60 bytes: at most 60 characters, none of them quoted whole from a long line.
            let start = String(decoding: bytes.prefix(60), as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw OutputPathError("\(output.option) \(path): the file exists and is not \(output.kind.name) (it starts '\(start)'); refusing to replace it: give a new path, or move the file away first")
        }
    }
}

/// Why an output path is refused (`OutputPaths.check`), naming the option, the path and what to do.
public struct OutputPathError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
