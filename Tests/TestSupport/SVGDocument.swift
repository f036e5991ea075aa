import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG file as Cairo writes it, read for tests: its root element and its `path` elements with their fill and
/// stroke colours (from a `style` attribute, as Cairo 1.16 writes them, or from `fill` and `stroke` attributes, as
/// later versions do) and outlines. Text is written as glyph outlines, so labels cannot be read here.
public struct SVGDocument {
    /// One `path` element.
    public struct Path {
        public var fill: [Double]?
        public var stroke: [Double]?
        public var outline: String

        /// How many subpaths (`M` commands) the outline has: one per marker of a shape that draws many.
        public var subpaths: Int { outline.split(separator: " ").filter { $0 == "M" }.count }

        /// The outline's bounding box as (x, y, width, height), from its coordinates.
        public var bounds: (x: Double, y: Double, width: Double, height: Double) {
            let numbers = outline.split(separator: " ").compactMap { Double($0) }
            let xs = stride(from: 0, to: numbers.count - 1, by: 2).map { numbers[$0] }
            let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
            return (xs.min() ?? 0, ys.min() ?? 0, (xs.max() ?? 0) - (xs.min() ?? 0), (ys.max() ?? 0) - (ys.min() ?? 0))
        }
    }

    public let root: String
    public let paths: [Path]

    /// Parses the file at `url`; a file that is not well-formed XML is an error.
    public init(contentsOf url: URL) throws {
        let parser = XMLParser(data: try Data(contentsOf: url))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse(), let root = collector.root else {
            throw SVGError(description: "\(url.path) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        self.root = root
        paths = collector.paths
    }

    /// The paths filled with `color` (red, green, blue from 0 to 1), matched to within 1%.
    public func filled(_ color: [Double]) -> [Path] { paths.filter { $0.fill.map { Self.same($0, color) } ?? false } }

    /// The paths stroked with `color`, matched to within 1%.
    public func stroked(_ color: [Double]) -> [Path] { paths.filter { $0.stroke.map { Self.same($0, color) } ?? false } }

    static func same(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 0.01 } }

    /// `rgb(12%,35%,70%)` as [0.12, 0.35, 0.7]; nil for anything else (`none`).
    static func color(_ text: String?) -> [Double]? {
        guard let text, text.hasPrefix("rgb("), text.hasSuffix(")") else { return nil }
        let parts = text.dropFirst(4).dropLast().split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")) }
        guard parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! / 100 }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var paths: [Path] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            guard name == "path" else { return }
            var properties = attributes
            for declaration in (attributes["style"] ?? "").split(separator: ";") {
                let pair = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2 { properties[pair[0]] = pair[1] }
            }
            paths.append(Path(fill: SVGDocument.color(properties["fill"]), stroke: SVGDocument.color(properties["stroke"]),
                              outline: attributes["d"] ?? ""))
        }
    }
}

/// Why an SVG file could not be read.
public struct SVGError: Error, CustomStringConvertible {
    public let description: String
}

/// The width and height in a PNG file's header, when `bytes` start with the PNG signature and an IHDR chunk.
public func pngSize(_ bytes: Data) -> (width: Int, height: Int)? {
    let data = [UInt8](bytes.prefix(24))
    guard data.count == 24, data[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], data[12..<16] == Array("IHDR".utf8)[...] else {
        return nil
    }
    let number = { (start: Int) in data[start..<start + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (number(16), number(20))
}
