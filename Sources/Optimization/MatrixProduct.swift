internal import COpenBLAS

/// Whether a factor of `matrixProduct` is used as stored or transposed.
public enum Transpose: UInt8, Sendable {
    case no = 78  // "N"
    case yes = 84  // "T"
}

/// OpenBLAS's dgemm on row-major matrices: C = alpha op(A) op(B) + beta C, with C `m x n` and the inner size
/// `k`. The dense layers of `MLPModel` and the wide layers of a KAN run on it.
///
/// A product of a million multiply-adds or more is split into bands of C's rows, one per thread of
/// `WorkerPool.shared`, each an OpenBLAS call on its own thread; OpenBLAS itself runs single-threaded. With
/// OpenBLAS's own threads, they and the pool's workers each spun while the other ran, more threads than cores (a
/// `[100,100,100]` pass spent 9% of its time in `sched_yield`). Every element of C is summed over `k` as before,
/// in the same blocks, so the results do not change.
public func matrixProduct(_ transA: Transpose, _ transB: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
                          _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
                          _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
    _ = FreedMemory.kept
    let pool = WorkerPool.shared
    let bands = min(pool.workerCount + 1, m / ProductSplit.minimumBandRows)
    guard bands > 1, m * n * k >= ProductSplit.minimumSplitWork else {
        rowMajorProduct(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        return
    }
    pool.run(chunks: bands) { band in
        let first = m * band / bands, end = m * (band + 1) / bands
        // Rows first..<end of op(A): rows of A as stored, or its columns when transposed.
        let aBand = transA == .no ? a + first * lda : a + first
        rowMajorProduct(transA, transB, end - first, n, k, alpha, aBand, lda, b, ldb, beta, c + first * ldc, ldc)
    }
}

/// The sizes from which `matrixProduct` splits a product over the pool.
private enum ProductSplit {
    /// The fewest multiply-adds worth splitting, and the fewest rows of C in a band.
    static let minimumSplitWork = 1 << 20
    static let minimumBandRows = 64
}

/// One OpenBLAS call. A row-major matrix is the column-major storage of its transpose, so this asks the
/// column-major routine for C^T = op(B)^T op(A)^T.
private func rowMajorProduct(_ transA: Transpose, _ transB: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
                             _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                             _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
    var (flagA, flagB) = (CChar(bitPattern: transA.rawValue), CChar(bitPattern: transB.rawValue))
    var (rows, columns, inner) = (Int32(n), Int32(m), Int32(k))
    var (leadingA, leadingB, leadingC) = (Int32(lda), Int32(ldb), Int32(ldc))
    var (scale, keep) = (alpha, beta)
    swiftkan_dgemm(&flagB, &flagA, &rows, &columns, &inner, &scale, b, &leadingB, a, &leadingA, &keep, c, &leadingC)
}
