@testable import Optimization
import Testing

/// `matrixProduct`: OpenBLAS's dgemm on row-major matrices, large products split into bands of rows over the
/// worker pool.
@Suite("matrix products")
struct MatrixProductTests {
    /// Sizes (m, n, k): one too small to split, one split into bands (over a million multiply-adds), one with an
    /// odd number of rows.
    static let sizes = [(7, 5, 3), (300, 70, 60), (257, 41, 101)]

    @Test("every transpose, padded leading dimensions, alpha and beta: the exact product, padding untouched",
          arguments: sizes)
    func product(m: Int, n: Int, k: Int) {
        for transA in [Transpose.no, .yes] {
            for transB in [Transpose.no, .yes] {
                Self.check(transA, transB, m, n, k)
            }
        }
    }

    /// Integer entries keep every sum exact whatever the order of its additions, so the product must equal the
    /// plain triple loop to the last bit.
    static func check(_ transA: Transpose, _ transB: Transpose, _ m: Int, _ n: Int, _ k: Int) {
        let pad = 3
        // op(A) is m x k: A is stored m x k, or k x m when transposed; likewise B.
        let (aRows, aColumns) = transA == .no ? (m, k) : (k, m)
        let (bRows, bColumns) = transB == .no ? (k, n) : (n, k)
        let (lda, ldb, ldc) = (aColumns + pad, bColumns + pad, n + pad)
        var random = SeededRandom(seed: UInt64(m * n * k))
        let integer = { (random: inout SeededRandom) in random.uniform(-8, 8).rounded() }
        let a = (0..<aRows * lda).map { _ in integer(&random) }, b = (0..<bRows * ldb).map { _ in integer(&random) }
        let c0 = (0..<m * ldc).map { _ in integer(&random) }
        let opA = { (i: Int, l: Int) in transA == .no ? a[i * lda + l] : a[l * lda + i] }
        let opB = { (l: Int, j: Int) in transB == .no ? b[l * ldb + j] : b[j * ldb + l] }
        var expected = c0
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for l in 0..<k { sum += opA(i, l) * opB(l, j) }
                expected[i * ldc + j] = 2 * sum + 0.5 * c0[i * ldc + j]
            }
        }
        var c = c0
        matrixProduct(transA, transB, m, n, k, 2, a, lda, b, ldb, 0.5, &c, ldc)
        #expect(c == expected, "op(A) \(transA), op(B) \(transB), \(m) x \(n) x \(k)")
    }
}
