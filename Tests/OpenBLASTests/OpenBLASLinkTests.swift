import COpenBLAS
import Testing

/// OpenBLAS is reachable through the `COpenBLAS` system-library target.
@Suite("OpenBLAS links and computes")
struct OpenBLASLinkTests {
    @Test("cblas_dgemm (through its shim name) multiplies matrices")
    func dgemm() {
        // [[1, 2], [3, 4]] * [[5, 6], [7, 8]] = [[19, 22], [43, 50]], row-major.
        let a: [Double] = [1, 2, 3, 4], b: [Double] = [5, 6, 7, 8]
        var c = [Double](repeating: 0, count: 4)
        swiftkan_cblas_dgemm(Int32(SWIFTKAN_CBLAS_ROW_MAJOR), Int32(SWIFTKAN_CBLAS_NO_TRANS),
                             Int32(SWIFTKAN_CBLAS_NO_TRANS), 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
        #expect(c == [19, 22, 43, 50])
    }
}
