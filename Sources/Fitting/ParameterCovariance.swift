internal import CGSL

/// How sure a least-squares fit is of its parameters: their covariance at the solution, as GSL's
/// `gsl_multifit_nlinear_covar` computes it from the Jacobian (`(J^T J)^-1`), scaled by the residual variance
/// `sum r_i^2 / (n - p)` (as scipy's `curve_fit` with `absolute_sigma=False`) unless the residuals are already
/// divided by known measurement errors (`absoluteSigma`), and the standard errors, the square roots of its diagonal.
public struct ParameterCovariance: Sendable, Equatable {
    /// `p x p`, row-major.
    public let matrix: [Double]
    public let parameterCount: Int

    /// Each parameter's standard error.
    public var standardErrors: [Double] { (0..<parameterCount).map { matrix[$0 * parameterCount + $0].squareRoot() } }

    /// The covariance at a solution with the `n x p` row-major `jacobian` and the `n` `residuals` there (both
    /// multiplied by the square roots of the rows' weights in a weighted fit). Throws when there are not more rows
    /// than parameters, or for values that are not finite.
    public init(jacobian: [Double], residuals: [Double], parameters p: Int, absoluteSigma: Bool = false) throws(FittingError) {
        let n = residuals.count
        guard p > 0, n > p, jacobian.count == n * p else {
            throw .invalidData("\(n) residuals for \(p) parameters: a covariance needs more rows than parameters")
        }
        guard jacobian.allSatisfy(\.isFinite), residuals.allSatisfy(\.isFinite) else {
            throw .invalidData("the Jacobian or the residuals at the solution are not finite")
        }
        _ = GSLErrorHandler.installed
        let j = gsl_matrix_alloc(n, p)!, covariance = gsl_matrix_alloc(p, p)!
        defer { gsl_matrix_free(j); gsl_matrix_free(covariance) }
        for row in 0..<n { for column in 0..<p { gsl_matrix_set(j, row, column, jacobian[row * p + column]) } }
        let status = gsl_multifit_nlinear_covar(j, 0, covariance)
        guard status == GSL_SUCCESS else { throw .from(status: status) }
        let variance = absoluteSigma ? 1 : residuals.reduce(0) { $0 + $1 * $1 } / Double(n - p)
        var values: [Double] = []
        for row in 0..<p { for column in 0..<p { values.append(variance * gsl_matrix_get(covariance, row, column)) } }
        matrix = values
        parameterCount = p
    }
}
