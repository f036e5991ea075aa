import Foundation

/// pykan's sparsity regularisation, `lamb * (lamb_l1 * sum(v) + lamb_entropy * (H_row + H_col)
/// + lamb_coef * sum mean|c| + lamb_coefdiff * sum mean|diff c|)`, summed over layers.
///
/// `v[o][i]` is an edge's activation scale (`edge_forward_spline_n`): the standard deviation (unbiased, over the
/// batch) of the edge's output divided by that of its input plus 0.1. With `p = v / (row or column sum + 1)`,
/// `H = -mean over rows (or columns) of sum p * log2(p + 1e-4)`. Means over a coefficient's outputs, as pykan's
/// `torch.mean(|coef|, dim=1)`.
public struct Regularization: Codable, Sendable, Equatable {
    public var lamb: Double
    public var lambL1: Double
    public var lambEntropy: Double
    public var lambCoef: Double
    public var lambCoefDiff: Double

    public init(lamb: Double = 0, lambL1: Double = 1, lambEntropy: Double = 2, lambCoef: Double = 0,
                lambCoefDiff: Double = 0) {
        self.lamb = lamb
        self.lambL1 = lambL1
        self.lambEntropy = lambEntropy
        self.lambCoef = lambCoef
        self.lambCoefDiff = lambCoefDiff
    }

    /// No regularisation.
    public static let none = Regularization()

    var isActive: Bool { lamb > 0 }

    /// The unscaled regulariser (without `lamb`) and, when `lamb > 0`, `dR/dv` per layer (`[input * outputs +
    /// output]`, scaled by `lamb`).
    func activationTerms(scales: [[Double]], layers: [KANLayer]) -> (value: Double, gradients: [[Double]]) {
        var value = 0.0
        var gradients: [[Double]] = []
        let log2e = 1 / Foundation.log(2.0)
        for (v, layer) in zip(scales, layers) {
            let inputs = layer.inputs, outputs = layer.outputs
            var gradient = [Double](repeating: lambL1 * lamb, count: v.count)
            value += lambL1 * v.reduce(0, +)
            // Rows are outputs (pykan's vec is [out, in]); columns are inputs.
            for (count, groups, index) in [(inputs, outputs, { (g: Int, m: Int) in m * outputs + g }),
                                           (outputs, inputs, { (g: Int, m: Int) in g * outputs + m })] {
                for group in 0..<groups {
                    var total = 0.0
                    for member in 0..<count { total += v[index(group, member)] }
                    let denominator = total + 1
                    var entropy = 0.0, weighted = 0.0
                    var dEntropy = [Double](repeating: 0, count: count)
                    for member in 0..<count {
                        let p = v[index(group, member)] / denominator
                        entropy -= p * Foundation.log2(p + 1e-4)
                        dEntropy[member] = -(Foundation.log2(p + 1e-4) + p / (p + 1e-4) * log2e) / Double(groups)
                        weighted += dEntropy[member] * v[index(group, member)]
                    }
                    value += lambEntropy * entropy / Double(groups)
                    for member in 0..<count {
                        let dv = dEntropy[member] / denominator - weighted / (denominator * denominator)
                        gradient[index(group, member)] += lamb * lambEntropy * dv
                    }
                }
            }
            gradients.append(gradient)
        }
        return (value, gradients)
    }

    /// The coefficient terms (without `lamb`) and their gradient added into `gradient` (scaled by `lamb`), laid
    /// out as the layer's coefficients.
    func coefficientTerms(_ layer: KANLayer, gradient: UnsafeMutablePointer<Double>?) -> Double {
        guard lambCoef != 0 || lambCoefDiff != 0 else { return 0 }
        let n = layer.coefficientsPerEdge, outputs = layer.outputs
        let c = layer.coefficients
        var value = 0.0
        let scale = 1 / Double(outputs)
        for i in 0..<layer.inputs {
            for j in 0..<n {
                for o in 0..<outputs {
                    let index = (i * n + j) * outputs + o
                    value += lambCoef * Swift.abs(c[index]) * scale
                    gradient?[index] += lamb * lambCoef * scale * sign(c[index])
                    if j + 1 < n {
                        let next = index + outputs
                        let difference = c[next] - c[index]
                        value += lambCoefDiff * Swift.abs(difference) * scale
                        gradient?[next] += lamb * lambCoefDiff * scale * sign(difference)
                        gradient?[index] -= lamb * lambCoefDiff * scale * sign(difference)
                    }
                }
            }
        }
        return value
    }

    private func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
