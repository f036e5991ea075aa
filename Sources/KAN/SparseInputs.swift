/// A layer's inputs seen as "mostly at one value": for each input its most common value (its mode) when at
/// least half of the rows hold it, and per row the inputs that are not at their mode. MNIST pixels are 0 in 81%
/// of (image, pixel) pairs; with this, a pass visits only the other 19%, and the mode's contribution to every
/// node is computed once per input.
///
/// Built for the first layer, whose input does not change during a fit; used when the pass needs neither the
/// regulariser's statistics nor the input's gradient.
struct SparseInputs {
    /// Per input, its mode, or NaN when no value fills half of the rows.
    let modes: [Double]
    /// Per input, the basis at the mode: `modeStarts[i]` and `modeBasis[i * (k + 1) + r]`, and `b(mode)`.
    let modeStarts: [Int]
    let modeBasis: [Double]
    let modeBase: [Double]
    /// Row `r`'s inputs away from their mode are `entries[rowStarts[r]..<rowStarts[r + 1]]`.
    let rowStarts: [Int]
    let entries: [Int32]

    /// The structure for `input` (`rows x inputs`), or nil when fewer than half of all values are at a mode.
    init?(input: [Double], rows: Int, inputs: Int, tables: BasisTables, order: Int, baseFunction: BaseFunction) {
        var modes = [Double](repeating: .nan, count: inputs)
        for i in 0..<inputs {
            // The most frequent value among up to 256 rows, then its count in the whole column.
            let sample = (0..<min(rows, 256)).map { input[$0 * inputs + i] }.sorted()
            var best = sample[0], bestRun = 0, run = 0
            for (index, value) in sample.enumerated() {
                run = index > 0 && value == sample[index - 1] ? run + 1 : 1
                if run > bestRun { bestRun = run; best = value }
            }
            var count = 0
            for row in 0..<rows where input[row * inputs + i] == best { count += 1 }
            if 2 * count >= rows { modes[i] = best }
        }
        var rowStarts = [0], entries: [Int32] = []
        for row in 0..<rows {
            for i in 0..<inputs where input[row * inputs + i] != modes[i] { entries.append(Int32(i)) }
            rowStarts.append(entries.count)
        }
        guard 2 * entries.count <= rows * inputs else { return nil }
        let p = order + 1
        var modeStarts = [Int](repeating: 0, count: inputs)
        var modeBasis = [Double](repeating: 0, count: inputs * p)
        var modeBase = [Double](repeating: 0, count: inputs)
        let scratch = BasisScratch(order: order)
        modeBasis.withUnsafeMutableBufferPointer { basis in
            for i in 0..<inputs where !modes[i].isNaN {
                modeStarts[i] = tables.evaluate(input: i, x: modes[i], values: basis.baseAddress! + i * p, derivatives: nil, scratch: scratch)
                modeBase[i] = baseFunction.valueAndDerivative(modes[i]).0
            }
        }
        self.modes = modes
        self.modeStarts = modeStarts
        self.modeBasis = modeBasis
        self.modeBase = modeBase
        self.rowStarts = rowStarts
        self.entries = entries
    }
}
