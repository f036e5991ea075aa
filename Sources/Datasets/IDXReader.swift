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
    ///
    /// The header is read first, and the size it announces is checked before anything is allocated: against the
    /// file's size (exactly, for an uncompressed file; times deflate's largest ratio, 1032, for a gzip file) and
    /// against memory. A path that is not a regular file (a link to `/dev/zero`, a FIFO) is refused.
    public static func read(_ url: URL) throws(DatasetError) -> Contents {
        let path = url.path
        var info = stat()
        guard stat(path, &info) == 0 else { throw .io(file: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .invalidData(file: path, reason: "not a regular file (a device, FIFO or directory), so not an IDX file")
        }
        guard let file = gzopen(path, "rb") else { throw .io(file: path, reason: "cannot open") }
        defer { gzclose(file) }
        let rank = try Self.rank(try readBytes(file, count: 4, path: path), file: path)
        let dimensionBytes = try readBytes(file, count: 4 * rank, path: path)
        guard dimensionBytes.count == 4 * rank else {
            throw .invalidData(file: path, reason: "header announces \(rank) dimensions but the file is too short")
        }
        let dimensions = Self.dimensions(dimensionBytes[...], rank: rank)
        let expected = try byteCount(dimensions, file: path)
        let compressed = gzdirect(file) == 0
        let available = compressed ? Int(info.st_size) * 1032 + 1024 : Int(info.st_size) - 4 - 4 * rank
        guard expected <= available else {
            throw .invalidData(file: path, reason: "dimensions \(dimensions) need \(expected) bytes, but the \(compressed ? "compressed " : "")file of \(info.st_size) bytes can hold at most \(available)")
        }
        let memory = MemoryBudget.physicalMemory
        guard Double(expected) * 9 <= MemoryBudget.allowedShare * memory else {
            throw .invalidData(file: path, reason: "dimensions \(dimensions) need \(expected) bytes, and as numbers 8 times that, \(MemoryBudget.limit(of: memory))")
        }
        let body = try readBytes(file, count: expected, path: path)
        guard body.count == expected else {
            throw .invalidData(file: path, reason: "dimensions \(dimensions) need \(expected) bytes, found \(body.count)")
        }
        guard try readBytes(file, count: 1, path: path).isEmpty else {
            throw .invalidData(file: path, reason: "dimensions \(dimensions) need \(expected) bytes, found more")
        }
        return Contents(dimensions: dimensions, bytes: body)
    }

    /// Parses IDX bytes; `file` names the source in errors.
    public static func parse(_ data: [UInt8], file: String) throws(DatasetError) -> Contents {
        let rank = try Self.rank(Array(data.prefix(4)), file: file)
        guard data.count >= 4 + 4 * rank else {
            throw .invalidData(file: file, reason: "header announces \(rank) dimensions but the file is too short")
        }
        let dimensions = Self.dimensions(data[4..<(4 + 4 * rank)], rank: rank)
        let expected = try byteCount(dimensions, file: file)
        let bodyStart = 4 + 4 * rank
        guard data.count - bodyStart == expected else {
            throw .invalidData(file: file, reason: "dimensions \(dimensions) need \(expected) bytes, found \(data.count - bodyStart)")
        }
        return Contents(dimensions: dimensions, bytes: Array(data[bodyStart...]))
    }

    /// The number of dimensions the magic number `00 00 08 NN` announces.
    private static func rank(_ magic: [UInt8], file: String) throws(DatasetError) -> Int {
        guard magic.count >= 4, magic[0] == 0, magic[1] == 0 else {
            throw .invalidData(file: file, reason: "no IDX header (expected 00 00 08 NN)")
        }
        guard magic[2] == 0x08 else {
            throw .invalidData(file: file, reason: "element type 0x\(String(magic[2], radix: 16)) is not unsigned bytes (0x08)")
        }
        guard magic[3] >= 1 else { throw .invalidData(file: file, reason: "header announces 0 dimensions") }
        return Int(magic[3])
    }

    /// The big-endian 32-bit dimensions.
    private static func dimensions(_ bytes: ArraySlice<UInt8>, rank: Int) -> [Int] {
        (0..<rank).map { d in (0..<4).reduce(0) { ($0 << 8) | Int(bytes[bytes.startIndex + 4 * d + $1]) } }
    }

    /// The product of the dimensions, refused when it overflows.
    private static func byteCount(_ dimensions: [Int], file: String) throws(DatasetError) -> Int {
        var expected = 1
        for dimension in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw .invalidData(file: file, reason: "dimensions \(dimensions) are too large") }
            expected = product
        }
        return expected
    }

    /// Up to `count` bytes (fewer at the end of the file).
    private static func readBytes(_ file: gzFile, count: Int, path: String) throws(DatasetError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let chunk = UInt32(min(count - filled, 1 << 30))
            let read = bytes.withUnsafeMutableBytes { gzread(file, $0.baseAddress! + filled, chunk) }
            if read < 0 { throw .invalidData(file: path, reason: "not a readable gzip or IDX file") }
            if read == 0 { break }
            filled += Int(read)
        }
        bytes.removeLast(count - filled)
        return bytes
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
