/// One chunk's spline sums `s[o] = sum_r B_r(x) * c[start + r][o]` of an input's edges, computed by `compute`.
/// When the input's values repeat (a pixel's 0, a category), the sums of each input's last value are kept and a
/// row with the same value reuses them instead of summing its basis again; otherwise one buffer serves all.
struct SplineSums: ~Copyable {
    /// Per input, the last value whose sums `last` holds (NaN at first).
    private let lastX: UnsafeMutablePointer<Double>
    /// Per input, its last value's sums: `[inputs, outputs]`.
    private let last: UnsafeMutablePointer<Double>
    /// The sums of the current input when nothing is kept: `[outputs]`.
    private let single: UnsafeMutablePointer<Double>
    private let keepsLast: Bool

    init(inputs: Int, outputs: Int, keepsLast: Bool) {
        self.keepsLast = keepsLast
        lastX = .allocate(capacity: inputs)
        lastX.initialize(repeating: .nan, count: inputs)
        last = .allocate(capacity: inputs * outputs)
        last.initialize(repeating: 0, count: inputs * outputs)
        single = .allocate(capacity: outputs)
    }

    deinit {
        lastX.deallocate()
        last.deallocate()
        single.deallocate()
    }

    /// The sums of input `i` at `x`, whose `p` basis values from `start` are `values`; `coefficients` is the
    /// input's block `[n, outputs]` (`outputs` as given to `init`).
    @inline(__always)
    func at(input i: Int, x: Double, values: UnsafePointer<Double>, start: Int, coefficients: UnsafePointer<Double>,
            p: Int, outputs: Int) -> UnsafePointer<Double> {
        let s = keepsLast ? last + i &* outputs : single
        if !keepsLast || x != lastX[i] {
            Self.compute(values, start: start, coefficients: coefficients, p: p, outputs: outputs, into: s)
            lastX[i] = x
        }
        return UnsafePointer(s)
    }

    /// `s[o] = sum_r values[r] * c[start + r][o]` for one input's coefficient block.
    @inline(__always)
    static func compute(_ values: UnsafePointer<Double>, start: Int, coefficients: UnsafePointer<Double>,
                        p: Int, outputs: Int, into s: UnsafeMutablePointer<Double>) {
        if outputs == 1 {
            let c = coefficients + start
            var sum = 0.0
            for r in 0..<p { sum += values[r] * c[r] }
            s[0] = sum
            return
        }
        let w0 = values[0], row0 = coefficients + start &* outputs
        for o in 0..<outputs { s[o] = w0 * row0[o] }
        for r in 1..<p {
            let w = values[r]
            let row = coefficients + (start &+ r) &* outputs
            for o in 0..<outputs { s[o] += w * row[o] }
        }
    }
}
