import Symbolic

/// Samples `(x, y)` standardised to mean 0 and standard deviation 1 (y all 0 when it is constant), with the means
/// and deviations that turn constants fitted on them back into the data's units.
struct StandardizedSamples {
    let xs: [Double]
    let ys: [Double]
    let meanX: Double
    let meanY: Double
    /// The standard deviations over all samples; `scaleY` is 0 when y is constant.
    let scaleX: Double
    let scaleY: Double

    /// Throws when all x values are equal.
    init(x: [Double], y: [Double]) throws(FittingError) {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        let scaleX = (x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) } / n).squareRoot()
        let scaleY = (y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) } / n).squareRoot()
        guard scaleX > 0 else { throw .invalidData("all x values are equal") }
        xs = x.map { ($0 - meanX) / scaleX }
        ys = scaleY > 0 ? y.map { ($0 - meanY) / scaleY } : y.map { _ in 0.0 }
        (self.meanX, self.meanY, self.scaleX, self.scaleY) = (meanX, meanY, scaleX, scaleY)
    }

    /// Constants `p = [a, b, c, d]` fitted in standardised units, in the data's units.
    func original(_ p: [Double]) -> AffineConstants {
        let sy = scaleY > 0 ? scaleY : 1
        return AffineConstants(a: p[0] / scaleX, b: p[1] - p[0] * meanX / scaleX, c: sy * p[2], d: meanY + sy * p[3])
    }
}
