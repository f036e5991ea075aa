import Testing

/// Records an issue unless `actual` is within `tolerance` of `expected`, relative to `max(1, |expected|)`.
public func expectClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12,
                        _ context: @autoclosure () -> String = "",
                        sourceLocation: SourceLocation = #_sourceLocation) {
    let scale = max(1, abs(expected))
    let ok = abs(actual - expected) <= tolerance * scale || (actual.isNaN && expected.isNaN)
    #expect(ok, "\(actual) is not within \(tolerance) (relative) of \(expected) \(context())",
            sourceLocation: sourceLocation)
}

/// The central finite difference `(f(x + h) - f(x - h)) / 2h`, or nil where `f` is undefined on either side.
public func centralDifference(at x: Double, step h: Double = 1e-6, _ f: (Double) -> Double?) -> Double? {
    guard let upper = f(x + h), let lower = f(x - h) else { return nil }
    return (upper - lower) / (2 * h)
}

/// The backward and forward difference quotients `(f(x) - f(x - h)) / h` and `(f(x + h) - f(x)) / h`, or nil where
/// `f` is undefined at any of the three points. Where they disagree, `x` sits on a kink or next to a pole.
public func oneSidedDifferences(at x: Double, step h: Double, _ f: (Double) -> Double?) -> (left: Double, right: Double)? {
    guard let upper = f(x + h), let center = f(x), let lower = f(x - h) else { return nil }
    return ((center - lower) / h, (upper - center) / h)
}

/// A small seeded generator (SplitMix64) for tests whose failures must name the seed to reproduce them.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
