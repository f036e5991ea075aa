internal import COpenBLAS

/// Whether a factor of `matrixProduct` is used as stored or transposed.
public enum Transpose: UInt8, Sendable {
    case no = 78  // "N"
    case yes = 84  // "T"
}

/// OpenBLAS's dgemm on row-major matrices: C = alpha op(A) op(B) + beta C, with C `m x n` and the inner size
/// `k`. A row-major matrix is the column-major storage of its transpose, so this asks the column-major routine
/// for C^T = op(B)^T op(A)^T. The dense layers of `MLPModel` and the wide layers of a KAN run on it.
public func matrixProduct(_ transA: Transpose, _ transB: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
                          _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
                          _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
    var (flagA, flagB) = (CChar(bitPattern: transA.rawValue), CChar(bitPattern: transB.rawValue))
    var (rows, columns, inner) = (Int32(n), Int32(m), Int32(k))
    var (leadingA, leadingB, leadingC) = (Int32(lda), Int32(ldb), Int32(ldc))
    var (scale, keep) = (alpha, beta)
    swiftkan_dgemm(&flagB, &flagA, &rows, &columns, &inner, &scale, b, &leadingB, a, &leadingA, &keep, c, &leadingC)
}
