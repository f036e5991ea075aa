import Foundation

/// The file formats plots are written in, chosen by the file's extension; commands check an output path with it
/// before any work, and refuse to replace an existing file that is not a picture of that format.
public enum PlotFormat: String, Sendable, CaseIterable {
    case svg, png, pdf

    /// The format of `path` by its extension (any case); an unknown extension is an error naming the path.
    public init(path: String) throws(PlotError) {
        guard let format = PlotFormat(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased()) else {
            throw .unsupportedFormat(path)
        }
        self = format
    }

    /// Whether `bytes` (the start of an existing file) are a picture of this format: what a plot may replace.
    public func isPicture(_ bytes: Data) -> Bool {
        switch self {
        case .png: return bytes.starts(with: [0x89, 0x50, 0x4E, 0x47])
        case .pdf: return bytes.starts(with: Data("%PDF".utf8))
        case .svg:
            let text = String(decoding: bytes.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.hasPrefix("<?xml") || text.hasPrefix("<svg")
        }
    }
}
