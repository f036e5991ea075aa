/// The points a fit works on: standardised `x` and `y`, where points that share an `x` are merged into one at
/// their mean `y` with their count as its weight. Weighted least squares on the merged points has the same minimiser
/// as plain least squares on all of them (the SSR differs by the spread of `y` within each group, a constant), so a
/// column of a few categories (a heart-disease feature with 4 values among 238 rows) is fitted on 4 points instead
/// of 238. Without repeated `x` the points are kept as given, unweighted.
struct FitPoints {
    var xs: [Double]
    var ys: [Double]
    /// Per point, how many points it stands for; nil when every point stands for itself.
    var weights: [Double]?

    var count: Int { xs.count }

    /// Fewer merged points than this are split again (a group into two of half its weight, same `x` and `y`), so
    /// Levenberg-Marquardt has at least as many residuals as constants, as on the unmerged points.
    static let minimumCount = 8

    /// `xs` and `ys` merged by equal `x`.
    static func merging(xs: [Double], ys: [Double]) -> FitPoints {
        let order = xs.indices.sorted { xs[$0] < xs[$1] }
        var groups: [(x: Double, sum: Double, count: Int)] = []
        for index in order {
            if let last = groups.last, last.x == xs[index] {
                groups[groups.count - 1].sum += ys[index]
                groups[groups.count - 1].count += 1
            } else {
                groups.append((xs[index], ys[index], 1))
            }
        }
        guard groups.count < xs.count else { return FitPoints(xs: xs, ys: ys) }
        var points = groups.map { (x: $0.x, y: $0.sum / Double($0.count), weight: Double($0.count)) }
        while points.count < min(minimumCount, xs.count), let heaviest = points.indices.max(by: { points[$0].weight < points[$1].weight }),
              points[heaviest].weight >= 2 {
            let half = (points[heaviest].weight / 2).rounded(.down)
            points[heaviest].weight -= half
            points.insert((points[heaviest].x, points[heaviest].y, half), at: heaviest + 1)
        }
        return FitPoints(xs: points.map(\.x), ys: points.map(\.y), weights: points.map(\.weight))
    }

    private init(xs: [Double], ys: [Double], weights: [Double]? = nil) {
        (self.xs, self.ys, self.weights) = (xs, ys, weights)
    }

    /// The points at `indices`, with their weights.
    func subset(_ indices: [Int]) -> FitPoints {
        FitPoints(xs: indices.map { xs[$0] }, ys: indices.map { ys[$0] }, weights: weights.map { w in indices.map { w[$0] } })
    }
}
