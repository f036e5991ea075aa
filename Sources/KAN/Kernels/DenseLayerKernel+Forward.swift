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
        // A new input's basis is evaluated for all the chunk's rows first (`cacheBasis`), then read back as a kept one.
        let repeats = mode.evaluatesBasis ? cacheBasis(rows: rows, mode: mode) : 0
        let splines = SplineSums(inputs: inputs, outputs: outputs, keepsLast: mode.keepsSplineSums)
        // With the edge values kept, the moments are summed from them after the rows (`EdgeMoments.add(rows:)`).
        let rowMoments = edgeValues == nil ? moments : nil
        for row in rows {
            let out = sums + row &* outputs
            for o in 0..<outputs { out[o] = 0 }
            for i in 0..<inputs {
                let index = row &* inputs &+ i
                let (start, bv) = (Int(starts[index]), base[index])
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

    /// Rows `rows` of the basis, `b(x)` and `b'(x)`, evaluated and cached; returns how many (row, input) values equal
    /// the previous row's. The base function runs in a loop of its own after the basis: its evaluations, each ending
    /// in a division, then overlap.
    func cacheBasis(rows: Range<Int>, mode: DenseForwardMode) -> Int {
        let (tables, scratch) = (mode.tables, BasisScratch(order: p - 1))
        var repeats = 0
        for row in rows {
            for i in 0..<inputs {
                let index = row &* inputs &+ i, x = layer.input[index]
                starts[index] = Int32(tables.evaluate(input: i, x: x, values: basis + index &* p,
                                                      derivatives: mode.derivatives ? basisDerivative + index &* p : nil, scratch: scratch))
                if row > rows.lowerBound, x == layer.input[index &- inputs] { repeats += 1 }
            }
        }
        for index in rows.lowerBound &* inputs..<rows.upperBound &* inputs {
            (base[index], baseDerivative[index]) = mode.baseFunction.valueAndDerivative(layer.input[index])
        }
        return repeats
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
