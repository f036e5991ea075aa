/// A layer's inputs seen as "mostly at one value, and otherwise at a few": for each input its most common value
/// (its mode) when at least half of the rows hold it, the distinct values the rows hold away from their mode, and
/// per such value the rows that hold it. MNIST pixels are 0 in 81% of (image, pixel) pairs and take at most 255
/// other values: with this, a pass evaluates each edge once per distinct value and then only adds per row, instead
/// of summing a spline for every (image, pixel) pair (`SparseLayerKernel`).
///
/// Built for the first layer, whose input does not change during a fit; `RepeatedInputPolicy` says when.
struct SparseInputs {
    /// Per input, its mode, or NaN when no value fills half of the rows.
    let modes: HeapBuffer<Double>
    /// Per input, the basis at the mode: `modeStarts[i]` and `modeBasis[i * (k + 1) + r]`, and `b(mode)`.
    let modeStarts: HeapBuffer<Int>
    let modeBasis: HeapBuffer<Double>
    let modeBase: HeapBuffer<Double>
    /// The distinct (input, value) pairs away from the modes: `valueInputs[d]`, and the basis at the value
    /// (`valueStarts[d]`, `valueBasis[d * (k + 1) + r]`) and `b(value)` (`valueBase[d]`).
    let valueInputs: HeapBuffer<Int32>
    let valueStarts: HeapBuffer<Int32>
    let valueBasis: HeapBuffer<Double>
    let valueBase: HeapBuffer<Double>
    /// The rows holding value `d` are `valueRows[valueRowStarts[d]..<valueRowStarts[d + 1]]`, ascending.
    let valueRowStarts: HeapBuffer<Int>
    let valueRows: HeapBuffer<Int32>

    /// The number of distinct (input, value) pairs away from the modes.
    var valueCount: Int { valueInputs.count }

    /// The values cut into the evaluator's chunks of about equally many rows (by `valueRowStarts`), so the
    /// threads of a value-major pass get equal work; one chunk when the pass is small.
    func valueChunks(outputs: Int) -> [Range<Int>] {
        let even = KANEvaluator.chunks(rows: valueCount, work: valueRows.count * outputs)
        guard even.count > 1 else { return even }
        var bounds = [0]
        for c in 1..<even.count {
            let target = valueRows.count * c / even.count
            // The first value whose rows start at or after the target (valueRowStarts is ascending).
            var low = bounds.last!, high = valueCount
            while low < high {
                let middle = (low + high) / 2
                if valueRowStarts[middle] < target { low = middle + 1 } else { high = middle }
            }
            bounds.append(low)
        }
        bounds.append(valueCount)
        return (0..<even.count).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// The structure for `input` (`rows x inputs`), or nil when fewer than half of all values are at a mode.
    init?(input: [Double], rows: Int, inputs: Int, tables: BasisTables, order: Int, baseFunction: BaseFunction) {
        let found = (0..<inputs).map { Self.mode(of: $0, in: input, rows: rows, inputs: inputs) }
        let modes = found.map(\.value)
        // The values away from the modes, counted before anything is built: most inputs of a dense batch have none.
        let offMode = found.reduce(0) { $0 + rows - $1.rows }
        guard 2 * offMode <= rows * inputs else { return nil }
        var rowStarts = [0], entries: [Int32] = []
        entries.reserveCapacity(offMode)
        var ids = [[Double: Int32]](repeating: [:], count: inputs)
        var values: [Double] = [], valueInputs: [Int32] = []
        for row in 0..<rows {
            for i in 0..<inputs {
                let x = input[row * inputs + i]
                if x == modes[i] { continue }
                if let id = ids[i][x] {
                    entries.append(id)
                } else {
                    let id = Int32(values.count)
                    ids[i][x] = id
                    values.append(x)
                    valueInputs.append(Int32(i))
                    entries.append(id)
                }
            }
            rowStarts.append(entries.count)
        }
        let p = order + 1
        let scratch = BasisScratch(order: order)
        func basis(of x: Double, input i: Int) -> (start: Int, values: [Double], base: Double) {
            var values = [Double](repeating: 0, count: p)
            let start = values.withUnsafeMutableBufferPointer {
                tables.evaluate(input: i, x: x, values: $0.baseAddress!, derivatives: nil, scratch: scratch)
            }
            return (start, values, baseFunction.valueAndDerivative(x).0)
        }
        var modeStarts = [Int](repeating: 0, count: inputs)
        var modeBasis = [Double](repeating: 0, count: inputs * p)
        var modeBase = [Double](repeating: 0, count: inputs)
        for i in 0..<inputs where !modes[i].isNaN {
            let at = basis(of: modes[i], input: i)
            modeStarts[i] = at.start
            modeBasis.replaceSubrange(i * p..<(i + 1) * p, with: at.values)
            modeBase[i] = at.base
        }
        var valueStarts: [Int32] = [], valueBasis: [Double] = [], valueBase: [Double] = []
        valueStarts.reserveCapacity(values.count)
        valueBasis.reserveCapacity(values.count * p)
        valueBase.reserveCapacity(values.count)
        for (x, i) in zip(values, valueInputs) {
            let at = basis(of: x, input: Int(i))
            valueStarts.append(Int32(at.start))
            valueBasis += at.values
            valueBase.append(at.base)
        }
        self.modes = HeapBuffer(modes)
        self.modeStarts = HeapBuffer(modeStarts)
        self.modeBasis = HeapBuffer(modeBasis)
        self.modeBase = HeapBuffer(modeBase)
        self.valueInputs = HeapBuffer(valueInputs)
        self.valueStarts = HeapBuffer(valueStarts)
        self.valueBasis = HeapBuffer(valueBasis)
        self.valueBase = HeapBuffer(valueBase)
        let (rowStartsByValue, rowsByValue) = Self.transposed(rowStarts: rowStarts, entries: entries, valueCount: values.count)
        (valueRowStarts, valueRows) = (HeapBuffer(rowStartsByValue), HeapBuffer(rowsByValue))
    }

    /// The rows of each value, from the values of each row (a counting sort; rows stay ascending).
    private static func transposed(rowStarts: [Int], entries: [Int32], valueCount: Int) -> ([Int], [Int32]) {
        var starts = [Int](repeating: 0, count: valueCount + 1)
        for id in entries { starts[Int(id) + 1] += 1 }
        for d in 0..<valueCount { starts[d + 1] += starts[d] }
        var next = starts
        var rows = [Int32](repeating: 0, count: entries.count)
        for row in 0..<(rowStarts.count - 1) {
            for entry in rowStarts[row]..<rowStarts[row + 1] {
                let id = Int(entries[entry])
                rows[next[id]] = Int32(row)
                next[id] += 1
            }
        }
        return (starts, rows)
    }

    /// Input `i`'s most frequent value among up to 256 rows and the rows holding it, when it fills at least half of
    /// the whole column; else NaN and 0.
    private static func mode(of i: Int, in input: [Double], rows: Int, inputs: Int) -> (value: Double, rows: Int) {
        let sample = (0..<min(rows, 256)).map { input[$0 * inputs + i] }.sorted()
        var best = sample[0], bestRun = 0, run = 0
        for (index, value) in sample.enumerated() {
            run = index > 0 && value == sample[index - 1] ? run + 1 : 1
            if run > bestRun { bestRun = run; best = value }
        }
        var count = 0
        for row in 0..<rows where input[row * inputs + i] == best { count += 1 }
        return 2 * count >= rows ? (best, count) : (.nan, 0)
    }
}
