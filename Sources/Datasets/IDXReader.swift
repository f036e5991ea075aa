internal import CZlib
import Foundation
import Optimization

/// Reads IDX files (the MNIST format), plain or gzip-compressed: a big-endian header of magic `00 00 08 NN`
/// (`NN` dimensions, unsigned bytes), then the dimensions as 32-bit integers, then the bytes.
public enum IDXReader {
    /// The dimensions and the data bytes of one IDX file.
    public struct Contents: Sendable {
        public let dimensions: [Int]
        public let bytes: [UInt8]
    }

    /// Reads `url`; gzip files are decompressed (by zlib, which also reads uncompressed files unchanged).
    public static func read(_ url: URL) throws(DatasetError) -> Contents {
        guard let file = gzopen(url.path, "rb") else { throw .io(file: url.path, reason: "cannot open") }
        defer { gzclose(file) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 { throw .invalidData(file: url.path, reason: "not a readable gzip or IDX file") }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<Int(count)])
        }
        return try parse(data, file: url.path)
    }

    /// Parses IDX bytes; `file` names the source in errors.
    public static func parse(_ data: [UInt8], file: String) throws(DatasetError) -> Contents {
        guard data.count >= 4, data[0] == 0, data[1] == 0 else {
            throw .invalidData(file: file, reason: "no IDX header (expected 00 00 08 NN)")
        }
        guard data[2] == 0x08 else {
            throw .invalidData(file: file, reason: "element type 0x\(String(data[2], radix: 16)) is not unsigned bytes (0x08)")
        }
        let rank = Int(data[3])
        guard rank >= 1, data.count >= 4 + 4 * rank else {
            throw .invalidData(file: file, reason: "header announces \(rank) dimensions but the file is too short")
        }
        let dimensions = (0..<rank).map { d in
            (0..<4).reduce(0) { ($0 << 8) | Int(data[4 + 4 * d + $1]) }
        }
        var expected = 1
        for dimension in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw .invalidData(file: file, reason: "dimensions \(dimensions) are too large") }
            expected = product
        }
        let bodyStart = 4 + 4 * rank
        guard data.count - bodyStart == expected else {
            throw .invalidData(file: file, reason: "dimensions \(dimensions) need \(expected) bytes, found \(data.count - bodyStart)")
        }
        return Contents(dimensions: dimensions, bytes: Array(data[bodyStart...]))
    }

    /// MNIST images (`N x rows x columns`) as an `N x (rows * columns)` matrix scaled to [0, 1], and labels
    /// (`N`) as an `N x 1` matrix.
    public static func mnist(images: URL, labels: URL) throws(DatasetError) -> (inputs: Matrix, labels: Matrix) {
        let imageContents = try read(images), labelContents = try read(labels)
        guard imageContents.dimensions.count == 3 else {
            throw .invalidData(file: images.path, reason: "images need 3 dimensions, found \(imageContents.dimensions.count)")
        }
        guard labelContents.dimensions.count == 1 else {
            throw .invalidData(file: labels.path, reason: "labels need 1 dimension, found \(labelContents.dimensions.count)")
        }
        let count = imageContents.dimensions[0], pixels = imageContents.dimensions[1] * imageContents.dimensions[2]
        guard labelContents.dimensions[0] == count else {
            throw .invalidData(file: labels.path, reason: "\(labelContents.dimensions[0]) labels for \(count) images")
        }
        return (Matrix(rows: count, columns: pixels, values: imageContents.bytes.map { Double($0) / 255 }),
                Matrix(rows: count, columns: 1, values: labelContents.bytes.map { Double($0) }))
    }
}
