/// A layer's inputs seen as "mostly at one value, and otherwise at a few": for each input its most common value
/// (its mode) when at least half of the rows hold it, the distinct values the rows hold away from their mode, and
/// the rows away from it with their values. MNIST pixels are 0 in 81% of (image, pixel) pairs and take at most 255
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
    /// The distinct (input, value) pairs away from the modes, numbered `d`: the basis at the value
    /// (`valueStarts[d]`, `valueBasis[d * (k + 1) + r]`) and `b(value)` (`valueBase[d]`).
    let valueStarts: HeapBuffer<Int32>
    let valueBasis: HeapBuffer<Double>
    let valueBase: HeapBuffer<Double>
    /// The values of input `i` are `inputValueStarts[i]..<inputValueStarts[i + 1]`: values are numbered input by
    /// input, each input's in the order the rows first show them.
    let inputValueStarts: HeapBuffer<Int>
    /// The most values any one input has.
    let largestValueCount: Int
    /// Input `i`'s rows away from its mode are `entryRows[inputEntryStarts[i]..<inputEntryStarts[i + 1]]`,
    /// ascending, holding values `entryValues[...]`: the passes go input by input, the input's few values' numbers
    /// at hand while its rows are visited in order.
    let inputEntryStarts: HeapBuffer<Int>
    let entryRows: HeapBuffer<Int32>
    let entryValues: HeapBuffer<Int32>

    /// The number of distinct (input, value) pairs away from the modes.
    var valueCount: Int { inputValueStarts[inputValueStarts.count - 1] }

    /// The inputs cut into up to `KANEvaluator.parallelChunks` chunks of about equally many entries, so the threads
    /// of an input-major pass get equal work (a chunk may be empty when one input holds most entries); one chunk
    /// when the pass is small.
    func inputChunks(outputs: Int) -> [Range<Int>] {
        let inputs = inputEntryStarts.count - 1, entries = entryRows.count
        let count = KANEvaluator.worthThreads(work: entries * outputs) ? min(KANEvaluator.parallelChunks, inputs) : 1
        guard count > 1 else { return [0..<inputs] }
        var bounds = [0]
        for c in 1..<count {
            let target = entries * c / count
            // The first input whose entries start at or after the target (inputEntryStarts is ascending).
            var low = bounds.last!, high = inputs
            while low < high {
                let middle = (low + high) / 2
                if inputEntryStarts[middle] < target { low = middle + 1 } else { high = middle }
            }
            bounds.append(low)
        }
        bounds.append(inputs)
        return (0..<count).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// The structure for `input` (`rows x inputs`), or nil when fewer than half of all values are at a mode.
    init?(input: [Double], rows: Int, inputs: Int, tables: BasisTables, order: Int, baseFunction: BaseFunction) {
        let found = (0..<inputs).map { Self.mode(of: $0, in: input, rows: rows, inputs: inputs) }
        let modes = found.map(\.value)
        // The values away from the modes, counted before anything is built: most inputs of a dense batch have none.
        let offMode = found.reduce(0) { $0 + rows - $1.rows }
        guard 2 * offMode <= rows * inputs else { return nil }
        // Entries input by input, rows ascending; values numbered per input first, input by input after.
        var entryStarts = [0]
        for i in 0..<inputs { entryStarts.append(entryStarts[i] + rows - found[i].rows) }
        var next = Array(entryStarts.dropLast())
        var entryRows = [Int32](repeating: 0, count: offMode), entryValues = entryRows
        var ids = [[Double: Int32]](repeating: [:], count: inputs)
        var inputValues = [[Double]](repeating: [], count: inputs)
        for row in 0..<rows {
            for i in 0..<inputs {
                let x = input[row * inputs + i]
                if x == modes[i] { continue }
                let id: Int32
                if let known = ids[i][x] {
                    id = known
                } else {
                    id = Int32(inputValues[i].count)
                    ids[i][x] = id
                    inputValues[i].append(x)
                }
                (entryRows[next[i]], entryValues[next[i]]) = (Int32(row), id)
                next[i] += 1
            }
        }
        var firstValues = [0]
        for i in 0..<inputs {
            firstValues.append(firstValues[i] + inputValues[i].count)
            for entry in entryStarts[i]..<entryStarts[i + 1] { entryValues[entry] += Int32(firstValues[i]) }
        }
        inputValueStarts = HeapBuffer(firstValues)
        largestValueCount = inputValues.map(\.count).max() ?? 0
        inputEntryStarts = HeapBuffer(entryStarts)
        (self.entryRows, self.entryValues) = (HeapBuffer(entryRows), HeapBuffer(entryValues))
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
        valueStarts.reserveCapacity(firstValues[inputs])
        valueBasis.reserveCapacity(firstValues[inputs] * p)
        valueBase.reserveCapacity(firstValues[inputs])
        for i in 0..<inputs {
            for x in inputValues[i] {
                let at = basis(of: x, input: i)
                valueStarts.append(Int32(at.start))
                valueBasis += at.values
                valueBase.append(at.base)
            }
        }
        self.modes = HeapBuffer(modes)
        self.modeStarts = HeapBuffer(modeStarts)
        self.modeBasis = HeapBuffer(modeBasis)
        self.modeBase = HeapBuffer(modeBase)
        self.valueStarts = HeapBuffer(valueStarts)
        self.valueBasis = HeapBuffer(valueBasis)
        self.valueBase = HeapBuffer(valueBase)
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
