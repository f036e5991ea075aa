@testable import Optimization
import Testing

/// `dot`, the inner product of LBFGS: one running sum for short vectors, four for long ones.
@Suite("LBFGS's inner product")
struct DotTests {
    @Test("short vectors: exactly the one running sum, in order", arguments: [0, 1, 7, blockedDotLength - 1])
    func short(count: Int) {
        let (a, b) = Self.vectors(count)
        var sum = 0.0
        for i in 0..<count { sum += a[i] * b[i] }
        #expect(dot(a, b) == sum)
    }

    @Test("long vectors, leftovers included: within rounding of the exact sum, and the same every time",
          arguments: [blockedDotLength, blockedDotLength + 3, 133_450])
    func long(count: Int) {
        let (a, b) = Self.vectors(count)
        // Integers times integers below 2^20 and their sums below 2^53 are exact in any order.
        let exact = zip(a, b).reduce(0.0) { $0 + ($1.0 * 1024).rounded() * ($1.1 * 1024).rounded() } / (1024 * 1024)
        let rounded = a.map { ($0 * 1024).rounded() / 1024 }, roundedB = b.map { ($0 * 1024).rounded() / 1024 }
        #expect(dot(rounded, roundedB) == exact)
        let value = dot(a, b)
        let magnitude = zip(a, b).reduce(0.0) { $0 + abs($1.0 * $1.1) }
        let plain = zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(value - plain) <= 1e-12 * magnitude)
        #expect(dot(a, b) == value)
    }

    /// Two vectors of `count` values in [-1, 1].
    static func vectors(_ count: Int) -> ([Double], [Double]) {
        var random = SeededRandom(seed: UInt64(count) + 1)
        return ((0..<count).map { _ in random.uniform(-1, 1) }, (0..<count).map { _ in random.uniform(-1, 1) })
    }
}
