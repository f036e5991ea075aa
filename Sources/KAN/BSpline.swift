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

/// The `k + 1` basis functions of order `k` that can be non-zero at one point: `values[r]` is `B_{start + r}(x)`
/// and `derivatives[r]` its derivative. `start` is clamped so that `start...start + k` are valid indices.
struct LocalBasis {
    var start: Int
    var values: [Double]
    var derivatives: [Double]
}

/// Evaluates the basis of one input's knot vector. Holds scratch space, so one evaluator serves many points.
struct BasisEvaluator {
    let order: Int
    /// The knots, padded with `order` extrapolated knots on each side so that the local de Boor triangle never
    /// indexes outside (padding only feeds basis functions that do not exist and are discarded).
    private let padded: [Double]
    private let knotCount: Int
    private var left: [Double]
    private var right: [Double]
    private var triangle: [Double]
    private var previous: [Double]

    init(knots: [Double], order: Int) {
        self.order = order
        knotCount = knots.count
        let spacing = knots.count > 1 ? (knots[knots.count - 1] - knots[0]) / Double(knots.count - 1) : 1
        let pad = max(spacing, 1e-12)
        padded = (0..<order).map { knots[0] - pad * Double(order - $0) } + knots
            + (0..<order).map { knots[knots.count - 1] + pad * Double($0 + 1) }
        left = [Double](repeating: 0, count: order + 1)
        right = [Double](repeating: 0, count: order + 1)
        triangle = [Double](repeating: 0, count: order + 1)
        previous = [Double](repeating: 0, count: order + 1)
    }

    /// The number of basis functions, `knots - order - 1`.
    var basisCount: Int { knotCount - order - 1 }

    /// The knot interval containing `x`: `t[m] <= x < t[m + 1]`, or nil outside `[t[0], t[last])`.
    private func interval(of x: Double) -> Int? {
        let first = order, last = order + knotCount - 1
        guard x >= padded[first], x < padded[last] else { return nil }
        var low = first, high = last
        while high - low > 1 {
            let middle = (low + high) / 2
            if x >= padded[middle] { low = middle } else { high = middle }
        }
        return low - order
    }

    /// Writes the basis at `x` into `values` and `derivatives` (each `order + 1` long) and returns `start`.
    mutating func evaluate(_ x: Double, values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>) -> Int {
        let k = order
        guard let m = interval(of: x) else {
            for r in 0...k { values[r] = 0; derivatives[r] = 0 }
            return 0
        }
        let i = m + k  // index of the interval in the padded knots
        // The NURBS Book's BasisFuns (A2.2): triangle[r] becomes B_{m-k+r} of the current order.
        triangle[0] = 1
        previous[0] = 1
        if k > 0 {
            for j in 1...k {
                left[j] = x - padded[i + 1 - j]
                right[j] = padded[i + j] - x
                if j == k { for r in 0..<k { previous[r] = triangle[r] } }
                var saved = 0.0
                for r in 0..<j {
                    let denominator = right[r + 1] + left[j - r]
                    let temp = denominator > 0 ? triangle[r] / denominator : 0
                    triangle[r] = saved + right[r + 1] * temp
                    saved = left[j - r] * temp
                }
                triangle[j] = saved
            }
        }
        // Derivatives from order k-1: dB_j = k (B_j^{k-1} / (t_{j+k} - t_j) - B_{j+1}^{k-1} / (t_{j+k+1} - t_{j+1})).
        let first = m - k  // index of triangle[0] among the basis functions
        let start = min(max(first, 0), basisCount - k - 1)
        for r in 0...k {
            let j = start + r
            let local = j - first
            guard local >= 0, local <= k else { values[r] = 0; derivatives[r] = 0; continue }
            values[r] = triangle[local]
            if k == 0 { derivatives[r] = 0; continue }
            let pj = j + k  // padded index of knot t_j is j + k
            let lowerSpan = padded[pj + k] - padded[pj]
            let upperSpan = padded[pj + k + 1] - padded[pj + 1]
            let lowerTerm = local >= 1 && lowerSpan > 0 ? previous[local - 1] / lowerSpan : 0
            let upperTerm = local <= k - 1 && upperSpan > 0 ? previous[local] / upperSpan : 0
            derivatives[r] = Double(k) * (lowerTerm - upperTerm)
        }
        return start
    }
}
