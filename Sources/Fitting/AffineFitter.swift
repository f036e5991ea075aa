import Foundation
import Symbolic

/// The result of fitting `y = c * f(a*x + b) + d` to samples.
public struct AffineFit: Sendable, Equatable {
    /// The library function that was fitted.
    public let function: LibraryFunction
    /// The fitted constants, the simplest of the equivalent ones (see `FunctionShape`).
    public let constants: AffineConstants
    /// `1 - SSR / SST` on the samples, computed with the exact function.
    public let r2: Double
    public let rmse: Double
    /// The library function's complexity.
    public let complexity: Int
    /// Levenberg-Marquardt iterations of the winning start, and GSL's final status message.
    public let iterations: Int
    public let status: String
}

/// Fits `y = c * f(a*x + b) + d` for one library function `f`, looking for the global fit: x and y are
/// standardised; a coarse search over `(a, b)` solves `(c, d)` by linear least squares at every grid point
/// (both signs of `a`, scales up to 60 in standardised units, shifts across the data and, for periodic
/// functions, across a period); the best starts are polished with GSL's Levenberg-Marquardt on all four
/// constants with the analytic Jacobian from the symbolic derivative; the result is checked with the exact
/// function on the data.
///
/// Compared with pykan's `fit_params` (a 101 x 101 grid over a, b in [-10, 10], 3 zoom rounds, then linear
/// regression for c, d), it reaches exact constants rather than grid points and is not limited to |a| <= 10.
public struct AffineFitter: Sendable {
    /// How many of the best grid points are polished.
    public var starts: Int
    public var maxIterations: Int

    /// At most this many points, spread over x, take part in the coarse search and a first polish of every start
    /// (of at most `coarseIterations`), which picks the start polished on all points.
    public var coarsePoints: Int
    public var coarseIterations: Int

    public init(starts: Int = 6, maxIterations: Int = 200, coarsePoints: Int = 128, coarseIterations: Int = 40) {
        self.starts = starts
        self.maxIterations = maxIterations
        self.coarsePoints = coarsePoints
        self.coarseIterations = coarseIterations
    }

    static let scales: [Double] = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 45, 60]

    /// Fits `function` to the points `(x, y)`; prepares the function first (see `FittableFunction` to prepare it
    /// once for many fits).
    public func fit(_ function: LibraryFunction, x: [Double], y: [Double]) throws(FittingError) -> AffineFit {
        try fit(try FittableFunction(function), x: x, y: y)
    }

    /// Fits a prepared library function to the points `(x, y)`.
    public func fit(_ prepared: FittableFunction, x: [Double], y: [Double]) throws(FittingError) -> AffineFit {
        let function = prepared.function, shape = prepared.shape
        try Self.validate(x: x, y: y)
        let samples = try StandardizedSamples(x: x, y: y)
        if shape.constant || samples.scaleY == 0 {
            let constants = shape.canonical(AffineConstants(a: 1, b: 0, c: 0, d: samples.meanY))
            return try finish(function, shape: shape, constants: constants, x: x, y: y, iterations: 0, status: "closed form")
        }

        // The free inner constants. Where the shape makes a and c (or b and c) one degree of freedom, one of them
        // is fixed at its simplest value, which both speeds Levenberg-Marquardt and keeps it well posed.
        let gauge = Gauge(shape: shape, scaleX: samples.scaleX, meanX: samples.meanX)
        if case .linear = gauge {
            // c * x + d: ordinary least squares.
            guard let (c, d, _) = x.withUnsafeBufferPointer({ Self.linearFit($0, y, weights: nil) }) else { throw .invalidData("all x values are equal") }
            return try finish(function, shape: shape, constants: AffineConstants(a: 1, b: 0, c: c, d: d), x: x, y: y,
                              iterations: 0, status: "closed form")
        }

        // Points sharing an x are merged, weighted (`FitPoints`). The search for starts runs on at most `coarsePoints`
        // of the points, spread over x; the polish ends on every point. The fit is outside the domain when there is
        // no start (the function leaves its domain at every grid point) or every polished start leaves it.
        let points = FitPoints.merging(xs: samples.xs, ys: samples.ys)
        let coarse = points.subset(Self.spread(points.xs, count: coarsePoints))
        let chosen = AffineStartSearch(gauge: gauge, shape: shape, points: coarse).starts(count: starts)
        guard let best = try bestPolished(chosen, gauge: gauge, shape: shape, points: points, coarse: coarse) else {
            throw .outsideDomain(function: function.name)
        }
        // The simplest equivalent constants, unless they would move a*x + b out of a narrowed domain (symmetries
        // were seen only inside it).
        let found = samples.original(best.p), simplest = shape.canonical(found)
        let constants = x.allSatisfy({ shape.value(simplest.a * $0 + simplest.b) != nil }) ? simplest : found
        return try finish(function, shape: shape, constants: constants, x: x, y: y,
                          iterations: best.iterations, status: best.status)
    }

    /// Throws unless there are as many y values as x values, at least 4 of them, all finite.
    private static func validate(x: [Double], y: [Double]) throws(FittingError) {
        guard x.count == y.count else { throw .invalidData("\(x.count) x values for \(y.count) y values") }
        guard x.count >= 4 else { throw .invalidData("\(x.count) points; at least 4 are needed") }
        if let bad = x.indices.first(where: { !x[$0].isFinite || !y[$0].isFinite }) {
            throw .invalidData("point \(bad) is NaN or infinite (x = \(x[bad]), y = \(y[bad]))")
        }
    }

    /// The best of the starts polished with Levenberg-Marquardt on all points, or nil when there is none or each
    /// leaves the domain. With fewer `coarse` points than points, each start is first polished on the coarse ones
    /// (at most `coarseIterations`), then the best (or, should it leave the domain on all points, the next) on all
    /// points; otherwise every start is polished on all points.
    private func bestPolished(_ starts: [[Double]], gauge: Gauge, shape: FunctionShape, points: FitPoints,
                              coarse: FitPoints) throws(FittingError) -> Polished? {
        var best: Polished?
        if coarse.count < points.count {
            var ranked: [Polished] = []
            for start in starts {
                if let result = try polish(start, gauge: gauge, shape: shape, points: coarse, iterations: coarseIterations) {
                    ranked.append(result)
                }
            }
            ranked.sort { $0.ssr < $1.ssr }
            for candidate in ranked where best == nil {
                best = try polish(candidate.p, gauge: gauge, shape: shape, points: points, iterations: maxIterations)
            }
        } else {
            for start in starts {
                guard let result = try polish(start, gauge: gauge, shape: shape, points: points, iterations: maxIterations) else { continue }
                if best == nil || result.ssr < best!.ssr { best = result }
            }
        }
        return best
    }

    /// A start polished by Levenberg-Marquardt: the constants `(a, b, c, d)` in standardised units and their SSR.
    private struct Polished {
        var ssr: Double
        var p: [Double]
        var iterations: Int
        var status: String
    }

    /// Levenberg-Marquardt from `start` on the free constants of `gauge`, or nil when the result leaves the domain
    /// on some point or its SSR is not finite.
    private func polish(_ start: [Double], gauge: Gauge, shape: FunctionShape, points: FitPoints,
                        iterations: Int) throws(FittingError) -> Polished? {
        let (xs, ys) = (points.xs, points.ys)
        let rootWeights = points.weights?.map { $0.squareRoot() }
        // A fixed scale keeps the start's direction: sqrt(1.2 - x) needs a < 0, which no c or d can mimic.
        let gauge = gauge.oriented(toward: start[0])
        let width = gauge.freeCount
        let penalty = 1e10
        let result = try LevenbergMarquardt(maxIterations: iterations).minimize(
            start: gauge.reduce(start), residualCount: xs.count, residuals: { free, r in
                let p = gauge.expand(free)
                for i in xs.indices {
                    if let value = shape.value(p[0] * xs[i] + p[1]) { r[i] = p[2] * value + p[3] - ys[i] } else { r[i] = penalty }
                }
                if let rootWeights { for i in xs.indices { r[i] *= rootWeights[i] } }
            }, jacobian: { free, jacobian in
                let p = gauge.expand(free)
                for i in xs.indices {
                    let argument = p[0] * xs[i] + p[1]
                    // Outside the domain the residual is a constant penalty: a zero row.
                    let value = shape.value(argument), slope = value == nil ? 0 : shape.derivative(argument) ?? 0
                    let row = jacobian + width * i
                    gauge.chain(da: p[2] * slope * xs[i], db: p[2] * slope, into: row)
                    row[width - 2] = value ?? 0
                    row[width - 1] = value == nil ? 0 : 1
                    if let rootWeights { for j in 0..<width { row[j] *= rootWeights[i] } }
                }
            })
        let parameters = gauge.expand(result.parameters)
        var ssr = 0.0
        for i in xs.indices {
            guard let value = shape.value(parameters[0] * xs[i] + parameters[1]) else { return nil }
            let residual = parameters[2] * value + parameters[3] - ys[i]
            ssr += residual * residual * (points.weights?[i] ?? 1)
        }
        return ssr.isFinite ? Polished(ssr: ssr, p: parameters, iterations: result.iterations, status: result.statusMessage) : nil
    }

    /// Which of the standardised inner constants `(a, b)` are free.
    enum Gauge {
        /// `c*f(x) + d`: nothing to search.
        case linear
        /// Powers and logarithms: `|a| = 1` in the data's units; the shift is free.
        case fixedScale(Double)
        /// Exponentials: `b = 0` in the data's units, which ties the standardised shift to the scale.
        case tiedShift(Double)
        case free

        init(shape: FunctionShape, scaleX: Double, meanX: Double) {
            if shape.linear { self = .linear }
            else if shape.exponential { self = .tiedShift(meanX / scaleX) }
            else if shape.homogeneity != nil || shape.logarithmic { self = .fixedScale(scaleX) }
            else { self = .free }
        }

        /// This gauge for a start whose `a` has the given sign: a fixed scale takes that sign, others are as is.
        func oriented(toward a: Double) -> Gauge {
            if case .fixedScale(let scale) = self { return .fixedScale(a < 0 ? -abs(scale) : abs(scale)) }
            return self
        }

        var freeCount: Int {
            switch self {
            case .linear: 2
            case .fixedScale, .tiedShift: 3
            case .free: 4
            }
        }

        /// Coarse search points `(a, b)` in standardised units.
        func grid(period: Double?) -> [(Double, Double)] {
            let signed = AffineFitter.scales.flatMap { [$0, -$0] }
            switch self {
            case .linear: return []
            case .fixedScale(let scale):
                return [scale, -scale].flatMap { a in stride(from: -3.0, through: 3.0, by: 0.05).map { (a, -a * $0) } }
            case .tiedShift(let ratio):
                return signed.map { ($0, $0 * ratio) }
            case .free:
                // A periodic function's shifts are its phases over one period; others shift across the data.
                if let period {
                    return signed.flatMap { a in stride(from: 0.0, to: period, by: period / 24).map { (a, $0) } }
                }
                return signed.flatMap { a in stride(from: -3.0, through: 3.0, by: 0.25).map { (a, -a * $0) } }
            }
        }

        /// Finer points around a start.
        func refinements(around a: Double, _ b: Double) -> [(Double, Double)] {
            let unit = max(abs(a), 1)
            switch self {
            case .linear: return []
            case .fixedScale:
                return (-50...50).map { step -> (Double, Double) in (a, b + Double(step) * 0.01 * unit) }
            case .tiedShift(let ratio):
                return (-50...50).map { step -> (Double, Double) in
                    let scaled = a * (1 + Double(step) * 0.005)
                    return (scaled, scaled * ratio)
                }
            case .free:
                var points = (-50...50).map { step -> (Double, Double) in (a, b + Double(step) * 0.01 * unit) }
                for i in -8...8 {
                    let scaled: Double = a * (1 + Double(i) * 0.025)
                    for j in -8...8 { points.append((scaled, b + Double(j) * 0.01 * unit)) }
                }
                return points
            }
        }

        func reduce(_ p: [Double]) -> [Double] {
            switch self {
            case .linear: return [p[2], p[3]]
            case .fixedScale: return [p[1], p[2], p[3]]
            case .tiedShift: return [p[0], p[2], p[3]]
            case .free: return p
            }
        }

        func expand(_ free: [Double]) -> [Double] {
            switch self {
            case .linear: return [1, 0, free[0], free[1]]
            case .fixedScale(let scale): return [scale, free[0], free[1], free[2]]
            case .tiedShift(let ratio): return [free[0], free[0] * ratio, free[1], free[2]]
            case .free: return free
            }
        }

        /// Writes the Jacobian entries of the free inner constants, from those of `a` and `b`, at the start of `row`.
        func chain(da: Double, db: Double, into row: UnsafeMutablePointer<Double>) {
            switch self {
            case .linear: break
            case .fixedScale: row[0] = db
            case .tiedShift(let ratio): row[0] = da + ratio * db
            case .free: row[0] = da; row[1] = db
            }
        }
    }

    /// The indices of at most `count` of `xs`, evenly spaced in x order (all of them when there are no more).
    static func spread(_ xs: [Double], count: Int) -> [Int] {
        guard xs.count > count, count > 1 else { return Array(xs.indices) }
        let order = xs.indices.sorted { xs[$0] < xs[$1] }
        return (0..<count).map { order[$0 * (xs.count - 1) / (count - 1)] }
    }

    /// `(c, d, ssr)` minimising `sum w (c*u + d - y)^2`, or nil when `u` is constant. Without weights `w = 1`
    /// (multiplying by 1 is exact, so the sums are those of the unweighted formula).
    static func linearFit(_ u: UnsafeBufferPointer<Double>, _ y: [Double], weights: [Double]?) -> (Double, Double, Double)? {
        var total = 0.0, sumU = 0.0, sumY = 0.0
        for i in u.indices {
            let w = weights?[i] ?? 1
            total += w
            sumU += w * u[i]
            sumY += w * y[i]
        }
        let meanU = sumU / total, meanY = sumY / total
        var suu = 0.0, suy = 0.0, syy = 0.0
        for i in u.indices {
            let w = weights?[i] ?? 1, du = u[i] - meanU, dy = y[i] - meanY
            suu += w * du * du
            suy += w * du * dy
            syy += w * dy * dy
        }
        guard suu > 1e-300, suu.isFinite, suy.isFinite else { return nil }
        let c = suy / suu
        return (c, meanY - c * meanU, max(0, syy - c * suy))
    }

    /// Evaluates the canonical constants with the exact function on the data and reports r2.
    private func finish(_ function: LibraryFunction, shape: FunctionShape, constants: AffineConstants, x: [Double], y: [Double],
                        iterations: Int, status: String) throws(FittingError) -> AffineFit {
        let n = Double(x.count)
        let meanY = y.reduce(0, +) / n
        var ssr = 0.0, sst = 0.0
        for i in x.indices {
            guard let value = shape.value(constants.a * x[i] + constants.b) else { throw .outsideDomain(function: function.name) }
            let residual = constants.c * value + constants.d - y[i]
            ssr += residual * residual
            sst += (y[i] - meanY) * (y[i] - meanY)
        }
        let r2 = sst > 0 ? 1 - ssr / sst : (ssr == 0 ? 1 : 0)
        return AffineFit(function: function, constants: constants, r2: r2, rmse: (ssr / n).squareRoot(),
                         complexity: function.complexity, iterations: iterations, status: status)
    }
}
