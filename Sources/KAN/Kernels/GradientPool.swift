/// One chunk's pending coefficient gradients of rows that share an input's value: per input, the value, its basis
/// and the summed edge gradients, added to `G` once when the value changes (`G[i][start + r][o] += B_r * sum of
/// grad[o]`) instead of once per row.
struct GradientPool: ~Copyable {
    private let outputs: Int
    private let p: Int
    private let n: Int
    /// `G`, `[inputs, n, outputs]`.
    private let target: UnsafeMutablePointer<Double>
    /// Per input: the pending value (NaN when none), its basis start and values (`[inputs, p]`), and the summed
    /// gradients (`[inputs, outputs]`).
    private let pendingX: UnsafeMutablePointer<Double>
    private let pendingStart: UnsafeMutablePointer<Int>
    private let pendingValues: UnsafeMutablePointer<Double>
    private let pendingGrad: UnsafeMutablePointer<Double>

    init(inputs: Int, outputs: Int, p: Int, n: Int, into target: UnsafeMutablePointer<Double>) {
        (self.outputs, self.p, self.n, self.target) = (outputs, p, n, target)
        pendingX = .allocate(capacity: inputs)
        pendingX.initialize(repeating: .nan, count: inputs)
        pendingStart = .allocate(capacity: inputs)
        pendingStart.initialize(repeating: 0, count: inputs)
        pendingValues = .allocate(capacity: inputs * p)
        pendingValues.initialize(repeating: 0, count: inputs * p)
        pendingGrad = .allocate(capacity: inputs * outputs)
        pendingGrad.initialize(repeating: 0, count: inputs * outputs)
    }

    deinit {
        pendingX.deallocate()
        pendingStart.deallocate()
        pendingValues.deallocate()
        pendingGrad.deallocate()
    }

    /// Adds one row's edge gradients `grads` of input `i` at `x` (basis `values` from `start`).
    @inline(__always)
    func add(_ grads: UnsafePointer<Double>, input i: Int, x: Double, start: Int, values: UnsafePointer<Double>) {
        let pending = pendingGrad + i * outputs
        if x == pendingX[i] {
            for o in 0..<outputs { pending[o] += grads[o] }
        } else {
            flush(i)
            pendingX[i] = x
            pendingStart[i] = start
            for r in 0..<p { pendingValues[i * p + r] = values[r] }
            for o in 0..<outputs { pending[o] = grads[o] }
        }
    }

    /// Adds input `i`'s pending gradient to `G`.
    func flush(_ i: Int) {
        guard !pendingX[i].isNaN else { return }
        let values = pendingValues + i * p, grads = pendingGrad + i * outputs
        let base = target + i * n * outputs + pendingStart[i] * outputs
        if outputs == 1 {
            for r in 0..<p { base[r] += values[r] * grads[0] }
        } else {
            for r in 0..<p {
                let w = values[r], gRow = base + r * outputs
                for o in 0..<outputs { gRow[o] += w * grads[o] }
            }
        }
    }
}
