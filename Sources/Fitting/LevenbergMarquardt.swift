internal import CGSL

/// Nonlinear least squares with GSL's `gsl_multifit_nlinear` (trust region, Levenberg-Marquardt): minimises `sum_i r_i(p)^2` given the residuals and their Jacobian.
///
/// The residual and Jacobian closures fill row-major buffers: `residuals[i]` and `jacobian[i * p + j]`. A residual
/// that is not finite must be replaced by the caller with a large finite value, so GSL rejects the step.
struct LevenbergMarquardt {
    var maxIterations = 200
    var xtol = 1e-12
    var gtol = 1e-12
    var ftol = 1e-14

    struct Result {
        var parameters: [Double]
        var iterations: Int
        /// GSL's status: 0 on convergence; `GSL_EMAXITER` or `GSL_ENOPROG` leave the best point found.
        var status: Int32
        var statusMessage: String
    }

    private final class Problem {
        let residuals: ([Double], UnsafeMutablePointer<Double>) -> Void
        let jacobian: ([Double], UnsafeMutablePointer<Double>) -> Void
        let n: Int, p: Int
        var scratch: [Double]

        init(n: Int, p: Int, residuals: @escaping ([Double], UnsafeMutablePointer<Double>) -> Void,
             jacobian: @escaping ([Double], UnsafeMutablePointer<Double>) -> Void) {
            self.n = n
            self.p = p
            self.residuals = residuals
            self.jacobian = jacobian
            scratch = [Double](repeating: 0, count: n * p)
        }

        func parameters(_ x: UnsafePointer<gsl_vector>) -> [Double] { (0..<p).map { gsl_vector_get(x, $0) } }
    }

    func minimize(start: [Double], residualCount n: Int,
                  residuals: @escaping ([Double], UnsafeMutablePointer<Double>) -> Void,
                  jacobian: @escaping ([Double], UnsafeMutablePointer<Double>) -> Void) throws(FittingError) -> Result {
        _ = GSLErrorHandler.installed
        let p = start.count
        guard n >= p else { throw .invalidData("\(n) points for \(p) parameters") }
        let problem = Problem(n: n, p: p, residuals: residuals, jacobian: jacobian)
        var parameters = gsl_multifit_nlinear_default_parameters()
        parameters.trs = swiftkan_trs_lm()
        parameters.solver = swiftkan_solver_cholesky()
        guard let workspace = gsl_multifit_nlinear_alloc(swiftkan_trust(), &parameters, n, p) else {
            throw .gsl(status: Int32(GSL_ENOMEM), message: "cannot allocate the workspace")
        }
        defer { gsl_multifit_nlinear_free(workspace) }
        var fdf = gsl_multifit_nlinear_fdf()
        fdf.n = n
        fdf.p = p
        fdf.params = Unmanaged.passUnretained(problem).toOpaque()
        fdf.f = { x, params, f in
            let problem = Unmanaged<Problem>.fromOpaque(params!).takeUnretainedValue()
            // GSL's vectors and matrices are strided views of plain memory: filled in place.
            let vector = f!.pointee
            if vector.stride == 1 {
                problem.residuals(problem.parameters(x!), vector.data)
            } else {
                problem.scratch.withUnsafeMutableBufferPointer { buffer in
                    problem.residuals(problem.parameters(x!), buffer.baseAddress!)
                    for i in 0..<problem.n { vector.data[i * vector.stride] = buffer[i] }
                }
            }
            return Int32(GSL_SUCCESS)
        }
        fdf.df = { x, params, jacobian in
            let problem = Unmanaged<Problem>.fromOpaque(params!).takeUnretainedValue()
            let matrix = jacobian!.pointee
            if matrix.tda == problem.p {
                problem.jacobian(problem.parameters(x!), matrix.data)
            } else {
                problem.scratch.withUnsafeMutableBufferPointer { buffer in
                    problem.jacobian(problem.parameters(x!), buffer.baseAddress!)
                    for i in 0..<problem.n { for j in 0..<problem.p { matrix.data[i * matrix.tda + j] = buffer[i * problem.p + j] } }
                }
            }
            return Int32(GSL_SUCCESS)
        }
        fdf.fvv = nil
        let x0 = gsl_vector_alloc(p)!
        defer { gsl_vector_free(x0) }
        for (index, value) in start.enumerated() { gsl_vector_set(x0, index, value) }
        // GSL calls back into `problem` through a raw pointer: keep it alive until GSL is done.
        let status: Int32 = try withExtendedLifetime(problem) { () throws(FittingError) -> Int32 in
            let initStatus = gsl_multifit_nlinear_init(x0, &fdf, workspace)
            guard initStatus == GSL_SUCCESS else { throw .from(status: initStatus) }
            var info: Int32 = 0
            let status = gsl_multifit_nlinear_driver(maxIterations, xtol, gtol, ftol, nil, nil, &info, workspace)
            if status != GSL_SUCCESS, status != GSL_EMAXITER, status != GSL_ENOPROG {
                throw .from(status: status)
            }
            return status
        }
        let position = gsl_multifit_nlinear_position(workspace)!
        return Result(parameters: (0..<p).map { gsl_vector_get(position, $0) },
                      iterations: Int(gsl_multifit_nlinear_niter(workspace)), status: status,
                      statusMessage: String(cString: gsl_strerror(status)))
    }
}
