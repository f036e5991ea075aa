import Files
import Foundation
import Plotting

/// What an output option writes. An existing file at its path is replaced only when it holds the same kind of
/// thing (or nothing), so a typo never turns a data file, a model or a report into something else.
enum OutputKind {
    /// A checkpoint (`kan train --save`): JSON with `formatVersion`.
    case checkpoint
    /// A discovery result (`kan discover --save`): JSON with `formula`.
    case discoveryResult
    /// Predictions (`kan predict --output`): a CSV file of one column.
    case predictions
    /// A plot, in the format of its extension.
    case plot
    /// JSON lines appended to (`kan bench feynman --output`): empty, or lines that are JSON objects.
    case jsonLines

    /// What the kind is called in messages.
    var name: String {
        switch self {
        case .checkpoint: return "a checkpoint"
        case .discoveryResult: return "a discovery result"
        case .predictions: return "a one-column CSV file of predictions"
        case .plot: return "a plot"
        case .jsonLines: return "JSON lines"
        }
    }

    /// Whether a file starting with `bytes` holds this kind of output (a plot of the format `path` names).
    func holds(_ bytes: Data, path: String) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        switch self {
        case .checkpoint: return start.hasPrefix("{") && text.contains("\"formatVersion\"")
        case .discoveryResult: return start.hasPrefix("{") && text.contains("\"formula\"")
        case .predictions:
            let header = start.prefix { $0 != "\n" && $0 != "\r" }
            return !header.isEmpty && !header.contains(",") && !header.contains(";") && !header.contains("\t")
        case .plot: return (try? PlotFormat(path: path).isPicture(bytes)) ?? false
        case .jsonLines: return start.hasPrefix("{")
        }
    }
}

/// A file a command will write: the option that names it, the path and what it writes. `mayReplace` lists input
/// options whose file it may overwrite on purpose (`kan train --from m.json --save m.json` continues a model in
/// place).
struct OutputPath {
    var option: String
    var path: String?
    var kind: OutputKind
    var mayReplace: Set<String> = []
}

/// A file (or folder) a command reads, and the option or source that names it.
struct InputPath {
    var option: String
    var path: String?
}

/// Checks every output path before any work, so nothing is computed that cannot be saved and nothing read is
/// overwritten:
/// - each can be saved (`AtomicFile.checkTarget`: no directory, device, FIFO or read-only file; an existing folder
///   where files can be created), and a plot's extension is one Cairo writes;
/// - an existing, non-empty file is replaced only when it holds the same kind of output (`OutputKind`);
/// - no two outputs name the same file, and no output names an input (a data file, a library, a model read),
///   links followed, unless the output may replace that input.
func checkOutputs(_ outputs: [OutputPath], inputs: [InputPath] = []) throws {
    let given = outputs.compactMap { output in output.path.map { (output, $0) } }
    for (output, path) in given {
        do { try AtomicFile.checkTarget(path) } catch { throw CommandFailure("\(output.option) \(error)") }
        if output.kind == .plot {
            do { _ = try PlotFormat(path: path) } catch { throw CommandFailure("\(output.option) \(error)") }
        }
    }
    for (index, (output, path)) in given.enumerated() {
        for (other, otherPath) in given[(index + 1)...] where AtomicFile.sameFile(path, otherPath) {
            throw CommandFailure("\(output.option) and \(other.option) name the same file (\(path)); give each its own")
        }
        for input in inputs where !output.mayReplace.contains(input.option) {
            guard let inputPath = input.path, AtomicFile.sameFile(path, inputPath) else { continue }
            throw CommandFailure("\(output.option) \(path) is the file \(input.option) reads (\(inputPath)); writing it would destroy the input: give another path")
        }
    }
    for (output, path) in given {
        // The start of the file tells its kind; a data file of gigabytes is not read whole to see it.
        let handle = FileHandle(forReadingAtPath: path)
        let bytes = (try? handle?.read(upToCount: 4096)) ?? nil
        try? handle?.close()
        guard let bytes, !bytes.isEmpty, !output.kind.holds(bytes, path: path) else { continue }
        let start = String(decoding: bytes.prefix(60), as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        throw CommandFailure("\(output.option) \(path): the file exists and is not \(output.kind.name) (it starts '\(start.excerpt(limit: 60))'); refusing to replace it: give a new path, or move the file away first")
    }
}
