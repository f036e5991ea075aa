import Foundation

/// Adam (Kingma & Ba), as `torch.optim.Adam` with its defaults: betas (0.9, 0.999), eps 1e-8, no weight decay.
public struct Adam: Sendable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    private var firstMoment: [Double] = []
    private var secondMoment: [Double] = []
    private var steps = 0

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// One update of `x` along `gradient`.
    public mutating func step(_ x: inout [Double], gradient: [Double]) {
        if firstMoment.count != x.count {
            firstMoment = [Double](repeating: 0, count: x.count)
            secondMoment = firstMoment
        }
        steps += 1
        let correction1 = 1 - Foundation.pow(beta1, Double(steps))
        let correction2 = 1 - Foundation.pow(beta2, Double(steps))
        for i in x.indices {
            firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * gradient[i]
            secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * gradient[i] * gradient[i]
            let denominator = (secondMoment[i] / correction2).squareRoot() + epsilon
            x[i] -= learningRate * (firstMoment[i] / correction1) / denominator
        }
    }
}
