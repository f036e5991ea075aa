/// How a dense forward pass runs (`DenseLayerKernel.forward`).
struct DenseForwardMode {
    /// Evaluate and cache the basis (a new input), else read the cached one.
    let evaluatesBasis: Bool
    /// Also cache the basis derivatives (for the input's gradient in the backward pass).
    let derivatives: Bool
    /// Keep each input's last spline sums for rows that repeat its value.
    let keepsSplineSums: Bool
    let tables: BasisTables
    let baseFunction: BaseFunction
}

extension DenseLayerKernel {
    /// Rows `rows` of the forward pass: `sums[row, o] = sum_i phi_{i,o}(x[row, i])` with
    /// `phi = mask * (scale_base * b(x) + scale_sp * spline(x))`, each edge's value also added to `moments` when
    /// given (the regulariser's statistics) and written to `edgeValues` (`[batch, inputs * outputs]`) when given with
    /// them. Returns how many (row, input) values equal the previous row's, counted for a new input only
    /// (`evaluatesBasis`).
    func forward(rows: Range<Int>, mode: DenseForwardMode, moments: EdgeMoments?, edgeValues: UnsafeMutablePointer<Double>?) -> Int {
        let (tables, scratch) = (mode.tables, BasisScratch(order: p - 1))
        let splines = SplineSums(inputs: inputs, outputs: outputs, keepsLast: mode.keepsSplineSums)
        // With the edge values kept, the moments are summed from them after the rows (`EdgeMoments.add(rows:)`).
        let rowMoments = edgeValues == nil ? moments : nil
        var repeats = 0
        for row in rows {
            let out = sums + row &* outputs
            for o in 0..<outputs { out[o] = 0 }
            for i in 0..<inputs {
                let index = row &* inputs &+ i
                let (start, bv) = mode.evaluatesBasis
                    ? evaluateBasis(at: index, input: i, tables: tables, mode: mode, scratch: scratch)
                    : (Int(starts[index]), base[index])
                if mode.evaluatesBasis, row > rows.lowerBound, layer.input[index] == layer.input[index &- inputs] { repeats += 1 }
                let s = splines.at(input: i, x: layer.input[index], values: basis + index &* p, start: start,
                                   coefficients: layer.coefficients + i &* n &* outputs, p: p, outputs: outputs)
                addEdges(of: i, base: bv, splines: s, to: out, moments: rowMoments, values: edgeValues.map { $0 + index &* outputs },
                         firstRow: row == rows.lowerBound)
            }
        }
        if let moments, let edgeValues {
            let edges = inputs &* outputs
            moments.add(rows: rows.count, values: edgeValues + rows.lowerBound &* edges, edges: edges)
        }
        return repeats
    }

    /// Rows `rows` of the basis alone, for a pass whose sums come from elsewhere (`MatrixLayerKernel`); returns how
    /// many (row, input) values equal the previous row's, as `forward` does.
    func cacheBasis(rows: Range<Int>, mode: DenseForwardMode) -> Int {
        let scratch = BasisScratch(order: p - 1)
        var repeats = 0
        for row in rows {
            for i in 0..<inputs {
                let index = row &* inputs &+ i
                _ = evaluateBasis(at: index, input: i, tables: mode.tables, mode: mode, scratch: scratch)
                if row > rows.lowerBound, layer.input[index] == layer.input[index &- inputs] { repeats += 1 }
            }
        }
        return repeats
    }

    /// Evaluates and caches the basis, `b(x)` and `b'(x)` of (row, input) `index`; returns the basis start and `b(x)`.
    /// Out of line: inlined into the row loop, the basis evaluation crowds its registers and the pass is slower.
    @inline(never)
    private func evaluateBasis(at index: Int, input i: Int, tables: BasisTables, mode: DenseForwardMode,
                               scratch: BasisScratch) -> (Int, Double) {
        let value = layer.input[index]
        let start = tables.evaluate(input: i, x: value, values: basis + index &* p,
                                         derivatives: mode.derivatives ? basisDerivative + index &* p : nil, scratch: scratch)
        starts[index] = Int32(start)
        let (b, derivative) = mode.baseFunction.valueAndDerivative(value)
        base[index] = b
        baseDerivative[index] = derivative
        return (start, b)
    }

    /// Adds input `i`'s edges `phi[o] = w_base[o] * b + w_spline[o] * s[o]` to a row's sums (and to `moments` and
    /// `values`, the row's and input's edge values, when given).
    @inline(__always)
    private func addEdges(of i: Int, base bv: Double, splines s: UnsafePointer<Double>, to out: UnsafeMutablePointer<Double>,
                          moments: EdgeMoments?, values: UnsafeMutablePointer<Double>?, firstRow: Bool) {
        let e = i &* outputs
        let wb = layer.baseWeight + e, ws = layer.splineWeight + e
        if let moments {
            for o in 0..<outputs {
                let phi = wb[o] * bv + ws[o] * s[o]
                out[o] += phi
                moments.add(phi, edge: e &+ o, firstRow: firstRow)
            }
        } else if let values {
            for o in 0..<outputs {
                let phi = wb[o] * bv + ws[o] * s[o]
                out[o] += phi
                values[o] = phi
            }
        } else {
            for o in 0..<outputs { out[o] += wb[o] * bv + ws[o] * s[o] }
        }
    }
}
