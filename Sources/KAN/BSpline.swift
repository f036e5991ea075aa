/// B-spline knots and basis evaluation, as pykan's `extend_grid` and `B_batch`.
///
/// A grid of `G` intervals on `[a, b]` has `G + 1` points; it is extended by `k` points of the mean spacing on
/// each side, giving `G + 2k + 1` knots and `G + k` basis functions of order `k`. Basis functions are zero
/// outside the extended grid and, as in pykan's order-0 step `(x >= t_i) & (x < t_{i+1})`, on its right end.
public enum BSpline {
    /// `G + 1` uniform points on `[lower, upper]`.
    public static func uniformGrid(lower: Double, upper: Double, intervals: Int) -> [Double] {
        (0...intervals).map { lower + (upper - lower) * Double($0) / Double(intervals) }
    }

    /// The grid extended by `k` knots of the mean spacing on each side (pykan's `extend_grid`).
    public static func extend(_ grid: [Double], by k: Int) -> [Double] {
        let spacing = (grid[grid.count - 1] - grid[0]) / Double(grid.count - 1)
        let left = (0..<k).map { grid[0] - spacing * Double(k - $0) }
        let right = (0..<k).map { grid[grid.count - 1] + spacing * Double($0 + 1) }
        return left + grid + right
    }
}

/// The knots of every input of a layer, prepared for fast basis evaluation: padded with `order` extrapolated
/// knots on each side (so the local de Boor triangle never indexes outside; padding only feeds basis functions
/// that do not exist and are discarded) and with the reciprocals of all knot spans of length 1 to `order + 1`
/// precomputed, so evaluation multiplies instead of divides. Immutable once built; shared by threads. Evaluation's
/// index arithmetic wraps (`&+`, `&*`): indices stay within the padded tables, and overflow checks would run for
/// every point of every pass.
final class BasisTables: @unchecked Sendable {
    let order: Int
    let inputs: Int
    /// Knots per input before padding: `G + 2k + 1`.
    let knotCount: Int
    /// `knotCount + 2 * order`.
    let stride: Int
    private let padded: UnsafeMutablePointer<Double>
    /// `inverseSpans[(input * (order + 2) + length) * stride + a] = 1 / (t[a + length] - t[a])`, 0 for empty spans.
    private let inverseSpans: UnsafeMutablePointer<Double>

    init(knots: [[Double]], order: Int) {
        self.order = order
        inputs = knots.count
        knotCount = knots[0].count
        stride = knotCount + 2 * order
        padded = .allocate(capacity: inputs * stride)
        inverseSpans = .allocate(capacity: inputs * (order + 2) * stride)
        inverseSpans.initialize(repeating: 0, count: inputs * (order + 2) * stride)
        for (i, row) in knots.enumerated() {
            precondition(row.count == knotCount, "every input needs \(knotCount) knots")
            let spacing = row.count > 1 ? (row[row.count - 1] - row[0]) / Double(row.count - 1) : 1
            let pad = max(spacing, 1e-12)
            let base = padded + i * stride
            for j in 0..<order { base[j] = row[0] - pad * Double(order - j) }
            for j in 0..<knotCount { base[order + j] = row[j] }
            for j in 0..<order { base[order + knotCount + j] = row[knotCount - 1] + pad * Double(j + 1) }
            for length in 1...(order + 1) {
                let spans = inverseSpans + (i * (order + 2) + length) * stride
                for a in 0..<(stride - length) {
                    let span = base[a + length] - base[a]
                    spans[a] = span > 0 ? 1 / span : 0
                }
            }
        }
    }

    deinit {
        padded.deallocate()
        inverseSpans.deallocate()
    }

    /// The reciprocal spans of one input; spans of length `l` start at `+ l * stride`.
    @inline(__always)
    fileprivate func inverseSpansBase(input: Int) -> UnsafeMutablePointer<Double> {
        inverseSpans + input &* (order &+ 2) &* stride
    }

    /// The number of basis functions per input, `knots - order - 1`.
    var basisCount: Int { knotCount - order - 1 }

    /// Writes the `order + 1` basis values that can be non-zero at `x` (and their derivatives, when asked) and
    /// returns `start`: `values[r]` is `B_{start + r}(x)`, with `start` clamped so that all indices are valid.
    /// Outside the knots (and on their right end, as pykan's half-open step) every value is zero.
    @inline(__always)
    func evaluate(input: Int, x: Double, values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>?,
                  scratch: BasisScratch) -> Int {
        let k = order
        let t = padded + input &* stride
        let first = k, last = k &+ knotCount &- 1
        guard x >= t[first], x < t[last] else {
            for r in 0...k { values[r] = 0 }
            if let derivatives { for r in 0...k { derivatives[r] = 0 } }
            return 0
        }
        var low = first, high = last
        while high &- low > 1 {
            let middle = (low &+ high) >> 1
            if x >= t[middle] { low = middle } else { high = middle }
        }
        let i = low  // padded index of the interval [t_m, t_{m+1}), m = i - k
        if k == 3, i &- 6 >= 0, i &- 6 <= basisCount &- 4 {
            return cubic(at: x, interval: i, knots: t, input: input, values: values, derivatives: derivatives)
        }
        let (left, right, triangle, previous) = (scratch.left, scratch.right, scratch.triangle, scratch.previous)
        triangle[0] = 1
        if k > 0 {
            let spanBase = inverseSpans + input &* (k &+ 2) &* stride
            for j in 1...k {
                left[j] = x - t[i &+ 1 &- j]
                right[j] = t[i &+ j] - x
                if j == k { for r in 0..<k { previous[r] = triangle[r] } }
                let inverse = spanBase + j &* stride  // spans of length j
                var saved = 0.0
                for r in 0..<j {
                    // right[r+1] + left[j-r] = t[i+r+1] - t[i+1-j+r], a span of length j starting at i+1-j+r.
                    let temp = triangle[r] * inverse[i &+ 1 &- j &+ r]
                    triangle[r] = saved + right[r &+ 1] * temp
                    saved = left[j &- r] * temp
                }
                triangle[j] = saved
            }
        }
        let m = i &- k
        let firstIndex = m &- k  // basis index of triangle[0]
        let start = min(max(firstIndex, 0), basisCount &- k &- 1)
        let offset = start &- firstIndex
        if offset == 0 {
            for r in 0...k { values[r] = triangle[r] }
        } else {
            for r in 0...k {
                let local = r &+ offset
                values[r] = local >= 0 && local <= k ? triangle[local] : 0
            }
        }
        if let derivatives {
            guard k > 0 else { derivatives[0] = 0; return start }
            // dB_j = k (B_j^{k-1} / (t_{j+k} - t_j) - B_{j+1}^{k-1} / (t_{j+k+1} - t_{j+1})); t_j is padded[j + k].
            let inverse = inverseSpans + (input &* (k &+ 2) &+ k) &* stride
            for r in 0...k {
                let local = r &+ offset
                guard local >= 0, local <= k else { derivatives[r] = 0; continue }
                let pj = start &+ r &+ k
                let lower = local >= 1 ? previous[local &- 1] * inverse[pj] : 0
                let upper = local <= k &- 1 ? previous[local] * inverse[pj &+ 1] : 0
                derivatives[r] = Double(k) * (lower - upper)
            }
        }
        return start
    }
}

extension BasisTables {
    /// The de Boor triangle of `evaluate` unrolled for `k = 3` away from the ends (all four basis functions
    /// exist): the common case, written out so it compiles to straight-line code.
    @inline(__always)
    private func cubic(at x: Double, interval i: Int, knots t: UnsafeMutablePointer<Double>, input: Int,
                       values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>?) -> Int {
        let spans = inverseSpansBase(input: input)
        let inv1 = spans + stride, inv2 = spans + 2 &* stride, inv3 = spans + 3 &* stride
        let left1 = x - t[i], right1 = t[i &+ 1] - x
        let left2 = x - t[i &- 1], right2 = t[i &+ 2] - x
        let left3 = x - t[i &- 2], right3 = t[i &+ 3] - x
        // Order 1.
        var temp = inv1[i]
        let a0 = right1 * temp, a1 = left1 * temp
        // Order 2.
        temp = a0 * inv2[i &- 1]
        let b0 = right1 * temp
        var saved = left2 * temp
        temp = a1 * inv2[i]
        let b1 = saved + right2 * temp
        let b2 = left1 * temp
        // Order 3.
        temp = b0 * inv3[i &- 2]
        values[0] = right1 * temp
        saved = left3 * temp
        temp = b1 * inv3[i &- 1]
        values[1] = saved + right2 * temp
        saved = left2 * temp
        temp = b2 * inv3[i]
        values[2] = saved + right3 * temp
        values[3] = left1 * temp
        if let derivatives {
            let d0 = b0 * inv3[i &- 2], d1 = b1 * inv3[i &- 1], d2 = b2 * inv3[i]
            derivatives[0] = -3 * d0
            derivatives[1] = 3 * (d0 - d1)
            derivatives[2] = 3 * (d1 - d2)
            derivatives[3] = 3 * d2
        }
        return i &- 6
    }
}

/// Per-thread scratch space for `BasisTables.evaluate`.
final class BasisScratch {
    let left: UnsafeMutablePointer<Double>
    let right: UnsafeMutablePointer<Double>
    let triangle: UnsafeMutablePointer<Double>
    let previous: UnsafeMutablePointer<Double>

    init(order: Int) {
        left = .allocate(capacity: order + 1)
        right = .allocate(capacity: order + 1)
        triangle = .allocate(capacity: order + 1)
        previous = .allocate(capacity: order + 1)
        for buffer in [left, right, triangle, previous] { buffer.initialize(repeating: 0, count: order + 1) }
    }

    deinit {
        for buffer in [left, right, triangle, previous] { buffer.deallocate() }
    }
}

/// Basis evaluation for one knot vector, for code outside the hot loops (least squares, plotting).
struct BasisEvaluator {
    private let tables: BasisTables
    private let scratch: BasisScratch

    init(knots: [Double], order: Int) {
        tables = BasisTables(knots: [knots], order: order)
        scratch = BasisScratch(order: order)
    }

    var basisCount: Int { tables.basisCount }

    mutating func evaluate(_ x: Double, values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>) -> Int {
        tables.evaluate(input: 0, x: x, values: values, derivatives: derivatives, scratch: scratch)
    }
}
