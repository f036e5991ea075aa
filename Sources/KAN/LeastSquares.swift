/// Least-squares fits of spline coefficients to samples, as pykan's `curve2coef`: for one input's knots, the
/// coefficients `c[basis][output]` minimising `sum_b (sum_j B_j(x_b) c[j][o] - y_b[o])^2 + ridge * |c|^2`.
///
/// The design matrix is never built: each sample adds its `k + 1` non-zero basis values to the normal equations,
/// which are solved by Cholesky. The tiny ridge keeps functions without samples in their support at zero, and
/// gives the minimum-norm answer where pykan's `lstsq` would.
enum SplineLeastSquares {
    /// Coefficients `[basisCount * outputs]` (basis-major) for samples `xs` with targets `ys[b * outputs + o]`.
    static func fit(knots: [Double], order: Int, xs: [Double], ys: [Double], outputs: Int,
                    ridge: Double = 1e-8) -> [Double] {
        var evaluator = BasisEvaluator(knots: knots, order: order)
        let n = evaluator.basisCount
        var normal = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n * outputs)
        var values = [Double](repeating: 0, count: order + 1)
        var derivatives = [Double](repeating: 0, count: order + 1)
        for (b, x) in xs.enumerated() {
            let start = values.withUnsafeMutableBufferPointer { v in
                derivatives.withUnsafeMutableBufferPointer { d in evaluator.evaluate(x, values: v.baseAddress!, derivatives: d.baseAddress!) }
            }
            for r in 0...order where values[r] != 0 {
                for q in 0...order { normal[(start + r) * n + start + q] += values[r] * values[q] }
                for o in 0..<outputs { rhs[(start + r) * outputs + o] += values[r] * ys[b * outputs + o] }
            }
        }
        for j in 0..<n { normal[j * n + j] += ridge }
        return CholeskySolver.solve(matrix: normal, size: n, rightHandSides: rhs, count: outputs)
    }
}

/// Solves `A X = B` for a symmetric positive definite `A` (`size` x `size`, row-major) and `count` right-hand
/// sides (`B[row * count + column]`).
enum CholeskySolver {
    static func solve(matrix: [Double], size n: Int, rightHandSides: [Double], count m: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for p in 0..<j { sum -= l[i * n + p] * l[j * n + p] }
                if i == j {
                    l[i * n + i] = sum > 0 ? sum.squareRoot() : 1e-300
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var x = rightHandSides
        for c in 0..<m {
            for i in 0..<n {  // forward: L y = b
                var sum = x[i * m + c]
                for p in 0..<i { sum -= l[i * n + p] * x[p * m + c] }
                x[i * m + c] = sum / l[i * n + i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {  // backward: L^T x = y
                var sum = x[i * m + c]
                for p in (i + 1)..<n { sum -= l[p * n + i] * x[p * m + c] }
                x[i * m + c] = sum / l[i * n + i]
            }
        }
        return x
    }
}
