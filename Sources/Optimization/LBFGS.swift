/// Limited-memory BFGS with a strong-Wolfe line search, as PyTorch's `torch.optim.LBFGS` in the variant pykan
/// ships (its `tolerance_ys`): one `step` runs up to `maxIterations` inner iterations and `maxEvaluations`
/// objective evaluations, and the curvature history persists from step to step.
///
/// It works on one flat parameter vector; the objective returns the value and the gradient there.
public struct LBFGS: Sendable {
    public var learningRate: Double
    public var maxIterations: Int
    public var maxEvaluations: Int
    public var toleranceGrad: Double
    public var toleranceChange: Double
    public var toleranceYS: Double
    public var historySize: Int
    /// The line search's own `tolerance_change` (pykan does not pass the optimiser's to it).
    public var lineSearchToleranceChange: Double

    private var directionHistory: [[Double]] = []
    private var stepHistory: [[Double]] = []
    private var rho: [Double] = []
    private var hessianDiagonal = 1.0
    private var direction: [Double] = []
    private var stepSize = 0.0
    private var previousGradient: [Double]?
    private var iterations = 0
    /// Objective evaluations so far, over all steps.
    public private(set) var evaluations = 0

    /// pykan's `fit` settings: lr 1, 20 iterations, history 10, all tolerances 1e-32.
    public init(learningRate: Double = 1, maxIterations: Int = 20, maxEvaluations: Int? = nil,
                toleranceGrad: Double = 1e-32, toleranceChange: Double = 1e-32, toleranceYS: Double = 1e-32,
                historySize: Int = 10, lineSearchToleranceChange: Double = 1e-9) {
        self.learningRate = learningRate
        self.maxIterations = maxIterations
        self.maxEvaluations = maxEvaluations ?? maxIterations * 5 / 4
        self.toleranceGrad = toleranceGrad
        self.toleranceChange = toleranceChange
        self.toleranceYS = toleranceYS
        self.historySize = historySize
        self.lineSearchToleranceChange = lineSearchToleranceChange
    }

    /// One optimiser step from `x`; returns the objective's value at the starting point (as PyTorch does).
    public mutating func step(_ x: inout [Double], objective: ([Double]) -> (value: Double, gradient: [Double])) -> Double {
        var (loss, gradient) = objective(x)
        let originalLoss = loss
        var currentEvaluations = 1
        evaluations += 1
        if maxAbs(gradient) <= toleranceGrad { return originalLoss }
        var innerIterations = 0
        while innerIterations < maxIterations {
            innerIterations += 1
            iterations += 1
            if iterations == 1 {
                direction = gradient.map { -$0 }
                directionHistory = []
                stepHistory = []
                rho = []
                hessianDiagonal = 1
            } else if let previous = previousGradient {
                let y = zip(gradient, previous).map { $0 - $1 }
                let s = direction.map { $0 * stepSize }
                let ys = dot(y, s)
                if ys > toleranceYS {
                    if directionHistory.count == historySize {
                        directionHistory.removeFirst()
                        stepHistory.removeFirst()
                        rho.removeFirst()
                    }
                    directionHistory.append(y)
                    stepHistory.append(s)
                    rho.append(1 / ys)
                    hessianDiagonal = ys / dot(y, y)
                }
                // Two-loop recursion.
                var q = gradient.map { -$0 }
                var alpha = [Double](repeating: 0, count: directionHistory.count)
                for i in stride(from: directionHistory.count - 1, through: 0, by: -1) {
                    alpha[i] = dot(stepHistory[i], q) * rho[i]
                    axpy(-alpha[i], directionHistory[i], &q)
                }
                var r = q.map { $0 * hessianDiagonal }
                for i in 0..<directionHistory.count {
                    let beta = dot(directionHistory[i], r) * rho[i]
                    axpy(alpha[i] - beta, stepHistory[i], &r)
                }
                direction = r
            }
            previousGradient = gradient
            let previousLoss = loss
            stepSize = iterations == 1 ? min(1, 1 / gradient.reduce(0) { $0 + Swift.abs($1) }) * learningRate : learningRate
            let slope = dot(gradient, direction)
            if slope > -toleranceChange { break }
            var search = StrongWolfeSearch(toleranceChange: lineSearchToleranceChange)
            let result = search.run(x: x, step: stepSize, direction: direction, value: loss, gradient: gradient,
                                    slope: slope, objective: objective)
            loss = result.value
            gradient = result.gradient
            stepSize = result.step
            axpy(stepSize, direction, &x)
            currentEvaluations += result.evaluations
            evaluations += result.evaluations
            let optimal = maxAbs(gradient) <= toleranceGrad
            if innerIterations == maxIterations || currentEvaluations >= maxEvaluations || optimal { break }
            if maxAbs(direction) * Swift.abs(stepSize) <= toleranceChange { break }
            if Swift.abs(loss - previousLoss) < toleranceChange { break }
            if !loss.isFinite { break }
        }
        return originalLoss
    }
}

/// PyTorch's `_strong_wolfe` line search (bracketing, then zoom with cubic interpolation), c1 = 1e-4, c2 = 0.9,
/// at most 25 evaluations.
struct StrongWolfeSearch {
    var c1 = 1e-4
    var c2 = 0.9
    var toleranceChange: Double
    var maxEvaluations = 25

    struct Result {
        var value: Double
        var gradient: [Double]
        var step: Double
        var evaluations: Int
    }

    mutating func run(x: [Double], step initialStep: Double, direction d: [Double], value f: Double,
                      gradient g: [Double], slope gtd: Double,
                      objective: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        func evaluate(_ t: Double) -> (Double, [Double], Double) {
            var point = x
            axpy(t, d, &point)
            let (value, gradient) = objective(point)
            return (value, gradient, dot(gradient, d))
        }
        let directionNorm = maxAbs(d)
        var t = initialStep
        var (fNew, gNew, gtdNew) = evaluate(t)
        var evaluations = 1
        var (tPrevious, fPrevious, gPrevious, gtdPrevious) = (0.0, f, g, gtd)
        var done = false
        var iteration = 0
        var bracket: [Double] = [], bracketF: [Double] = [], bracketG: [[Double]] = [], bracketGtd: [Double] = []
        while iteration < maxEvaluations {
            if fNew > f + c1 * t * gtd || (iteration > 1 && fNew >= fPrevious) || !fNew.isFinite {
                (bracket, bracketF, bracketG, bracketGtd) = ([tPrevious, t], [fPrevious, fNew], [gPrevious, gNew], [gtdPrevious, gtdNew])
                break
            }
            if Swift.abs(gtdNew) <= -c2 * gtd {
                (bracket, bracketF, bracketG, bracketGtd) = ([t], [fNew], [gNew], [gtdNew])
                done = true
                break
            }
            if gtdNew >= 0 {
                (bracket, bracketF, bracketG, bracketGtd) = ([tPrevious, t], [fPrevious, fNew], [gPrevious, gNew], [gtdPrevious, gtdNew])
                break
            }
            let minStep = t + 0.01 * (t - tPrevious), maxStep = t * 10
            let previousT = t
            t = cubicInterpolate(tPrevious, fPrevious, gtdPrevious, t, fNew, gtdNew, bounds: (minStep, maxStep))
            (tPrevious, fPrevious, gPrevious, gtdPrevious) = (previousT, fNew, gNew, gtdNew)
            (fNew, gNew, gtdNew) = evaluate(t)
            evaluations += 1
            iteration += 1
        }
        if iteration == maxEvaluations {
            (bracket, bracketF, bracketG, bracketGtd) = ([0, t], [f, fNew], [g, gNew], [gtd, gtdNew])
        }
        var insufficientProgress = false
        var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
        while !done && iteration < maxEvaluations {
            if Swift.abs(bracket[1] - bracket[0]) * directionNorm < toleranceChange { break }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], bounds: nil)
            let upper = max(bracket[0], bracket[1]), lower = min(bracket[0], bracket[1])
            let eps = 0.1 * (upper - lower)
            if min(upper - t, t - lower) < eps {
                if insufficientProgress || t >= upper || t <= lower {
                    t = Swift.abs(t - upper) < Swift.abs(t - lower) ? upper - eps : lower + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            (fNew, gNew, gtdNew) = evaluate(t)
            evaluations += 1
            iteration += 1
            if fNew > f + c1 * t * gtd || fNew >= bracketF[low] || !fNew.isFinite {
                (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) = (t, fNew, gNew, gtdNew)
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
            } else {
                if Swift.abs(gtdNew) <= -c2 * gtd {
                    done = true
                } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                    (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) = (bracket[low], bracketF[low], bracketG[low], bracketGtd[low])
                }
                (bracket[low], bracketF[low], bracketG[low], bracketGtd[low]) = (t, fNew, gNew, gtdNew)
            }
        }
        if bracket.count == 1 { return Result(value: bracketF[0], gradient: bracketG[0], step: bracket[0], evaluations: evaluations) }
        return Result(value: bracketF[low], gradient: bracketG[low], step: bracket[low], evaluations: evaluations)
    }

    /// The minimiser of the cubic through two points with values and slopes, clamped to `bounds`.
    func cubicInterpolate(_ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
                          bounds: (Double, Double)?) -> Double {
        let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
        let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        let d2Square = d1 * d1 - g1 * g2
        guard d2Square >= 0, d2Square.isFinite else { return (lower + upper) / 2 }
        let d2 = d2Square.squareRoot()
        let minimum = x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        guard minimum.isFinite else { return (lower + upper) / 2 }
        return min(max(minimum, lower), upper)
    }
}

/// `sum a[i] b[i]`. Vectors of `blockedDotLength` values or more are summed over four running sums (indices 0, 1,
/// 2, 3 mod 4) added at the end, then the leftover elements: a fixed order, so the result is deterministic, and four
/// independent additions per step instead of one chain (MNIST's 133,450 parameters: the two-loop recursion's dot
/// products were 7% of its training time). Shorter ones, the small networks that fits and discovery train by the
/// thousand, keep the one running sum, and so their results to the last digit.
@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot of vectors of different lengths")
    guard a.count >= blockedDotLength else {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }
    return a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            let count = a.count, blocks = count / 4
            var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
            for block in 0..<blocks {
                let i = block &* 4
                s0 += a[i] * b[i]
                s1 += a[i &+ 1] * b[i &+ 1]
                s2 += a[i &+ 2] * b[i &+ 2]
                s3 += a[i &+ 3] * b[i &+ 3]
            }
            var sum = (s0 + s1) + (s2 + s3)
            for i in (blocks &* 4)..<count { sum += a[i] * b[i] }
            return sum
        }
    }
}

/// The length from which `dot` sums in four parts.
let blockedDotLength = 4096

@inline(__always) func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    for i in y.indices { y[i] += alpha * x[i] }
}

@inline(__always) func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, Swift.abs($1)) } }
