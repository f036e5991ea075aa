/// Whether a found formula recovers a ground truth exactly (see `RecoveryCheck`), how that was decided, and
/// why, in a few words for reports: `"difference 0.5"`, `"ratio 6.283"`,
/// `"difference varies: -0.12..0.31; ratio varies: 0.98..1.03"`.
public struct RecoveryVerdict: Sendable, Equatable {
    /// How a verdict was reached.
    public enum Method: String, Sendable {
        /// `truth - found` simplifies to a constant.
        case symbolicDifference
        /// `truth / found` simplifies to a non-zero constant.
        case symbolicRatio
        /// The simplifier could not decide; the difference or the ratio is constant on every random point.
        case numeric
        /// Neither the simplifier nor the random points show a constant difference or ratio.
        case notRecovered
    }

    public var method: Method
    public var detail: String

    public init(method: Method, detail: String) {
        self.method = method
        self.detail = detail
    }

    /// True for every method but `.notRecovered`.
    public var recovered: Bool { method != .notRecovered }
}
