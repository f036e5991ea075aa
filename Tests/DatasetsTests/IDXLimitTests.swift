import Datasets
import Foundation
import Testing
import TestSupport

/// IDX files are sized by their header and checked against the file before anything is allocated: a link to
/// /dev/zero, a header announcing more than the file holds (plain or gzip) and a truncated or overlong body are
/// errors naming the file, read in no time.
@Suite("IDX size limits")
struct IDXLimitTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An IDX file of unsigned bytes with `dimensions` in its header and `body` after it.
    static func idx(_ dimensions: [UInt32], body: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for dimension in dimensions { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: dimension >> $0) } }
        return Data(bytes + body)
    }

    static func reason(_ url: URL) -> String? {
        do {
            _ = try IDXReader.read(url)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("bad files: each an error naming the file and the sizes", arguments: [
        ("huge.idx", [60_000, 28, 28] as [UInt32], 16, false, "dimensions [60000, 28, 28] need 47040000 bytes, but the file of 32 bytes can hold at most 16"),
        ("huge.idx.gz", [4_000_000_000], 1000, true, "need 4000000000 bytes, but the compressed file of"),
        ("short.idx", [10, 2], 19, false, "need 20 bytes, but the file of 31 bytes can hold at most 19"),
        ("short.idx.gz", [10, 2], 19, true, "dimensions [10, 2] need 20 bytes, found 19"),
        ("long.idx.gz", [10, 2], 21, true, "dimensions [10, 2] need 20 bytes, found more"),
        ("zero.idx", [0, 7] as [UInt32], 0, false, ""),
    ])
    func badSizes(name: String, dimensions: [UInt32], bodyBytes: Int, gzip: Bool, fragment: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent(gzip ? String(name.dropLast(3)) : name)
        try Self.idx(dimensions, body: [UInt8](repeating: 7, count: bodyBytes)).write(to: plain)
        if gzip {
            let gzipTool = try #require(executableOnPath("gzip"))
            #expect(try runProcess(gzipTool, [plain.path]).status == 0)
        }
        let url = folder.appendingPathComponent(name)
        if fragment.isEmpty {
            #expect(try IDXReader.read(url).bytes.isEmpty, "an empty array is a valid IDX file")
        } else {
            let reason = try #require(Self.reason(url))
            #expect(reason.contains(url.path) && reason.contains(fragment), "\(reason)")
        }
    }

    @Test("a link to /dev/zero or a FIFO is refused at once")
    func specialFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("train-images-idx3-ubyte.gz"), fifo = folder.appendingPathComponent("fifo.idx")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        for url in [link, fifo] {
            #expect(Self.reason(url) == "\(url.path): not a regular file (a device, FIFO or directory), so not an IDX file")
        }
    }
}
