internal import CGSL

/// Why a fit could not be made; GSL's status codes arrive here instead of aborting the process.
public enum FittingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GSL reported an error (its status code and message).
    case gsl(status: Int32, message: String)
    /// The data cannot be fitted: too few points, NaN or infinity, mismatched lengths.
    case invalidData(String)
    /// No start of the search had the whole data inside the function's domain.
    case outsideDomain(function: String)

    public var description: String {
        switch self {
        case .gsl(let status, let message): return "GSL error \(status): \(message)"
        case .invalidData(let reason): return "cannot fit: \(reason)"
        case .outsideDomain(let function): return "cannot fit \(function): no affine map puts the data inside its domain"
        }
    }

    /// The error for a GSL status.
    static func from(status: Int32) -> FittingError {
        .gsl(status: status, message: String(cString: gsl_strerror(status)))
    }
}

/// GSL's default error handler aborts the process; SwiftKAN turns it off once, before the first GSL call,
/// and checks every status itself.
enum GSLErrorHandler {
    static let installed: Void = {
        gsl_set_error_handler_off()
    }()
}
