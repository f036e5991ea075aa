/// One chunk's running sums for the regulariser's statistics, per edge `[shift | sum of (phi - shift) |
/// sum of (phi - shift)^2]`: the shift is the chunk's first value, so the variance keeps its precision.
struct EdgeMoments {
    private let shift: UnsafeMutablePointer<Double>
    private let sum: UnsafeMutablePointer<Double>
    private let squares: UnsafeMutablePointer<Double>

    /// The sums of `edges` edges at `base` (`3 * edges` values, zero before the chunk's first row).
    init(_ base: UnsafeMutablePointer<Double>, edges: Int) {
        (shift, sum, squares) = (base, base + edges, base + 2 * edges)
    }

    /// Adds edge `e`'s value `phi` of one row; the chunk's first row sets the shift.
    @inline(__always)
    func add(_ phi: Double, edge e: Int, firstRow: Bool) {
        if firstRow { shift[e] = phi }
        let d = phi - shift[e]
        sum[e] += d
        squares[e] += d * d
    }

    /// Adds the values of `rows` rows of all `edges` edges (`values`, `[rows, edges]`, the chunk's first row first):
    /// per edge the same additions in the same order as `add` row by row, swept once the rows are done.
    func add(rows: Int, values: UnsafePointer<Double>, edges: Int) {
        guard rows > 0 else { return }
        for e in 0..<edges { shift[e] = values[e] }
        for row in 0..<rows {
            let phi = values + row &* edges
            for e in 0..<edges {
                let d = phi[e] - shift[e]
                sum[e] += d
                squares[e] += d * d
            }
        }
    }
}

/// The statistics of one layer's batch that pykan's regulariser reads (`acts_scale_spline`): every edge's mean
/// and unbiased standard deviation of `phi`, every input's mean and unbiased standard deviation; all `[edge]`
/// (`input * outputs + output`) or `[input]`.
struct EdgeStatistics {
    let edgeMean: HeapBuffer<Double>
    let edgeStd: HeapBuffer<Double>
    let inputMean: HeapBuffer<Double>
    let inputStd: HeapBuffer<Double>
    /// Room for `regularizationTerms`' factors, per edge and per input.
    private let edgeFactor: HeapBuffer<Double>
    private let inputFactor: HeapBuffer<Double>

    /// Merges the chunks' `EdgeMoments` (at `moments + chunk * stride`) in chunk order (Chan et al.'s
    /// pairwise update), and computes the same for every input of `input` (`[rows, inputs]`).
    init(moments: UnsafePointer<Double>, stride: Int, chunks: [Range<Int>], edges: Int, input: UnsafePointer<Double>, rows b: Int,
         inputs ins: Int) {
        var count = 0.0
        var mean = [Double](repeating: 0, count: edges), squares = mean
        for (chunk, rows) in chunks.enumerated() where !rows.isEmpty {
            let m = Double(rows.count)
            let local = moments + chunk * stride
            for e in 0..<edges {
                let chunkMean = local[e] + local[edges + e] / m
                let chunkSquares = max(0, local[2 * edges + e] - local[edges + e] * local[edges + e] / m)
                let delta = chunkMean - mean[e]
                let total = count + m
                mean[e] += delta * m / total
                squares[e] += chunkSquares + delta * delta * count * m / total
            }
            count += m
        }
        edgeMean = HeapBuffer(mean)
        edgeStd = HeapBuffer(squares.map { count > 1 ? ($0 / (count - 1)).squareRoot() : 0 })
        (inputMean, inputStd) = (HeapBuffer(zeros: ins), HeapBuffer(zeros: ins))
        (edgeFactor, inputFactor) = (HeapBuffer(zeros: edges), HeapBuffer(zeros: ins))
        for i in 0..<ins {
            let first = input[i]
            var sum = 0.0, sumSquares = 0.0
            for row in 0..<b {
                let d = input[row * ins + i] - first
                sum += d
                sumSquares += d * d
            }
            inputMean.pointer[i] = first + sum / Double(b)
            inputStd.pointer[i] = b > 1 ? (max(0, sumSquares - sum * sum / Double(b)) / Double(b - 1)).squareRoot() : 0
        }
    }

    /// pykan's `acts_scale_spline`: `std(edge) / (std(input) + 0.1)` per edge.
    func activationScales(outputs: Int) -> [Double] {
        (0..<edgeStd.count).map { edge in edgeStd[edge] / (inputStd[edge / outputs] + 0.1) }
    }

    /// What the backward pass adds for the regulariser, given `dR/dv` per edge (`scaleGradient`) on `rows` rows:
    /// fills the factors, which these statistics hold, and returns pointers into them (valid while they are kept).
    func regularizationTerms(scaleGradient dv: [Double], outputs outs: Int, rows b: Int) -> RegularizationTerms {
        let ins = inputStd.count
        let edgeFactor = edgeFactor.pointer, inputFactor = inputFactor.pointer
        edgeFactor.update(repeating: 0, count: ins * outs)
        inputFactor.update(repeating: 0, count: ins)
        let m = Double(b - 1)
        for i in 0..<ins {
            let inputRange = inputStd[i] + 0.1
            for o in 0..<outs {
                let edge = i * outs + o
                if edgeStd[edge] > 0 { edgeFactor[edge] = dv[edge] / (inputRange * m * edgeStd[edge]) }
                if inputStd[i] > 0 {
                    inputFactor[i] -= dv[edge] * edgeStd[edge] / (inputRange * inputRange * m * inputStd[i])
                }
            }
        }
        return RegularizationTerms(edgeFactor: edgeFactor, edgeMean: edgeMean.pointer, inputFactor: inputFactor,
                                   inputMean: inputMean.pointer)
    }
}

/// The regulariser's share of a layer's backward pass, through the standard deviations of `EdgeStatistics` (whose
/// buffers these point into): `dR/dphi = edgeFactor * (phi - edgeMean)` per edge and
/// `dR/dx = inputFactor * (x - inputMean)` per input.
struct RegularizationTerms {
    let edgeFactor: UnsafePointer<Double>
    let edgeMean: UnsafePointer<Double>
    let inputFactor: UnsafePointer<Double>
    let inputMean: UnsafePointer<Double>
}
