import COpenBLAS
import Foundation
import Glibc
import Testing

/// OpenBLAS is reachable through the `COpenBLAS` system-library target, and its dgemm is the one called.
@Suite("OpenBLAS links and computes")
struct OpenBLASLinkTests {
    @Test("dgemm (through its shim name) multiplies column-major matrices")
    func dgemm() {
        // Column-major A = [[1, 2], [3, 4]] and B = [[5, 6], [7, 8]]: A B = [[19, 22], [43, 50]].
        let a: [Double] = [1, 3, 2, 4], b: [Double] = [5, 7, 6, 8]
        var c = [Double](repeating: 0, count: 4)
        var (no, size, one, zero) = (CChar(78), Int32(2), 1.0, 0.0)
        swiftkan_dgemm(&no, &no, &size, &size, &size, &one, a, &size, b, &size, &zero, &c, &size)
        #expect(c == [19, 43, 22, 50])
    }

    @Test("the routine lives in libopenblas, not in GSL's reference CBLAS that every GSL program also loads")
    func fromOpenBLAS() throws {
        let routine: @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?,
                                     UnsafePointer<Int32>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Int32>?,
                                     UnsafePointer<Double>?, UnsafePointer<Int32>?, UnsafePointer<Double>?,
                                     UnsafeMutablePointer<Double>?, UnsafePointer<Int32>?) -> Void = swiftkan_dgemm
        let address = UInt(bitPattern: unsafeBitCast(routine, to: UnsafeRawPointer.self))
        // The mapping of this process that holds the routine's code names the library it came from.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let library = maps.split(separator: "\n").first { line in
            let bounds = line.prefix { $0 != " " }.split(separator: "-").compactMap { UInt($0, radix: 16) }
            return bounds.count == 2 && bounds[0] <= address && address < bounds[1]
        }.flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) }
        // The reason for dgemm_: GSL's CBLAS, loaded with every GSL program, defines cblas_dgemm but not dgemm_.
        let gslCBLAS = try #require(dlopen("libgslcblas.so.0", RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(gslCBLAS) }
        #expect(dlsym(gslCBLAS, "cblas_dgemm") != nil)
        #expect(dlsym(gslCBLAS, "dgemm_") == nil)
        #expect(library?.contains("openblas") == true, "dgemm_ resolved to \(library ?? "no mapped file")")
    }
}
