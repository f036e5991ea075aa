/// `AffineFitter`'s search for starts of Levenberg-Marquardt: for every inner `(a, b)` of the gauge's grid, `(c, d)`
/// by linear least squares on the points; the grid points of least SSR with distinct `(a, b)` are the starts, and
/// the best two are refined on finer grids of their free constants.
struct AffineStartSearch {
    let gauge: AffineFitter.Gauge
    let shape: FunctionShape
    /// The points searched on, standardised and merged (`FitPoints`).
    let points: FitPoints

    /// At most `count` starts `[a, b, c, d]` in standardised units, best first; none when `f(a*x + b)` leaves the
    /// domain on some point at every grid point.
    func starts(count: Int) -> [[Double]] {
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: points.count)
        defer { scratch.deallocate() }
        var candidates: [(ssr: Double, p: [Double])] = []
        for (a, b) in gauge.grid(period: shape.period) {
            guard let (c, d, ssr) = solve(a, b, scratch: scratch) else { continue }
            candidates.append((ssr, [a, b, c, d]))
        }
        candidates.sort { $0.ssr < $1.ssr }
        return Self.distinct(candidates, count: count).enumerated().map { rank, start in
            rank < 2 ? refined(start, scratch: scratch) : start
        }
    }

    /// `(c, d, ssr)` of the best `c * f(a*x + b) + d` on the points, or nil when `f(a*x + b)` leaves the domain on
    /// some point or is constant; `scratch` holds the values of `f`.
    private func solve(_ a: Double, _ b: Double, scratch: UnsafeMutableBufferPointer<Double>) -> (Double, Double, Double)? {
        let xs = points.xs
        for i in xs.indices {
            guard let value = shape.value(a * xs[i] + b) else { return nil }
            scratch[i] = value
        }
        return AffineFitter.linearFit(UnsafeBufferPointer(scratch), points.ys, weights: points.weights)
    }

    /// The constants of at most `count` of the candidates, in their order, each with an `(a, b)` apart from those
    /// kept before it: `a` by more than 1e-6 times the larger of 1 and the kept `|a|`, or `b` by more than 1e-3.
    private static func distinct(_ candidates: [(ssr: Double, p: [Double])], count: Int) -> [[Double]] {
        var chosen: [[Double]] = []
        for candidate in candidates where chosen.count < count {
            let isNew = chosen.allSatisfy { other in
                abs(other[0] - candidate.p[0]) > 1e-6 * max(1, abs(other[0])) || abs(other[1] - candidate.p[1]) > 1e-3
            }
            if isNew { chosen.append(candidate.p) }
        }
        return chosen
    }

    /// The point of least SSR on the gauge's finer grid around `start` (`start` itself when there is none): the shift alone
    /// (what Levenberg-Marquardt cannot do for steps such as sgn, whose slope is 0), then scale and shift together
    /// (what it cannot do across poles, as tan's).
    private func refined(_ start: [Double], scratch: UnsafeMutableBufferPointer<Double>) -> [Double] {
        var best = start
        var bestSSR = Double.infinity
        for (a, b) in gauge.refinements(around: start[0], start[1]) {
            guard let (c, d, ssr) = solve(a, b, scratch: scratch), ssr < bestSSR else { continue }
            bestSSR = ssr
            best = [a, b, c, d]
        }
        return best
    }
}
