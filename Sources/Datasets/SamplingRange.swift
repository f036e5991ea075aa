import Symbolic

/// The range a formula's variables are sampled from, written `LOW,HIGH` (`-1,1`): two finite numbers with
/// LOW < HIGH.
public enum SamplingRange {
    /// The range `text` writes.
    public static func parse(_ text: String) throws(SamplingRangeError) -> ClosedRange<Double> {
        let items: [String]
        do { items = try CommaList.items(text) } catch { throw .list(error) }
        let bounds = items.compactMap { Double($0) }
        guard items.count == 2, bounds.count == 2, bounds.allSatisfy(\.isFinite), bounds[0] < bounds[1] else { throw .notRange(text) }
        // Points are drawn as LOW + u * (HIGH - LOW): a width past Double's range drew infinities.
        guard (bounds[1] - bounds[0]).isFinite else { throw .tooWide(text) }
        return bounds[0]...bounds[1]
    }
}

/// Why a sampling range's text was refused.
public enum SamplingRangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a comma-separated list (an empty item).
    case list(CommaListError)
    /// The items are not two finite numbers, the lower first.
    case notRange(String)
    /// HIGH - LOW overflows a Double.
    case tooWide(String)

    public var description: String {
        switch self {
        case .list(let error): return error.description
        case .notRange(let text): return "expected LOW,HIGH, finite numbers with LOW < HIGH, got '\(text)'"
        case .tooWide(let text): return "'\(text)' is wider than a Double can hold (HIGH - LOW overflows); narrow it"
        }
    }
}
