/// The two row sweeps of `SparseLayerKernel` over one input's entries (its rows away from the mode, rows ascending,
/// each holding a value number), `width` doubles (the layer's outputs) per row and per value. They are most of
/// MNIST's training time, so layers of up to 16 outputs run them with the width as a compile-time constant
/// (`FixedWidthSweep`): the short loops over outputs unroll, and the backward sweep keeps the sum of a run of
/// entries sharing a value (a pixel's 255 in image after image) in registers, instead of storing it and loading it
/// back for every entry. The additions, and so the results, are the same in every variant.
struct SparseEntrySweep {
    let rows: UnsafePointer<Int32>
    let values: UnsafePointer<Int32>
    let width: Int

    /// The forward sweep: `sums[rows[e]] += offsets[values[e] - firstValue]` for every entry `e` of `entries`.
    func scatter(_ entries: Range<Int>, offsets: UnsafePointer<Double>, firstValue: Int, into sums: UnsafeMutablePointer<Double>) {
        let offsets = offsets - firstValue * width
        if withFixedWidth(Scatter(entries: entries, rows: rows, values: values, offsets: offsets, sums: sums)) { return }
        for entry in entries {
            let out = sums + Int(rows[entry]) * width, offset = offsets + Int(values[entry]) * width
            for o in 0..<width { out[o] += offset[o] }
        }
    }

    /// The backward sweep: `perValue[values[e]] += upstream[rows[e]]` for every entry `e` of `entries`, in entry order.
    func gather(_ entries: Range<Int>, upstream: UnsafePointer<Double>, into perValue: UnsafeMutablePointer<Double>) {
        if withFixedWidth(Gather(entries: entries, rows: rows, values: values, upstream: upstream, perValue: perValue)) { return }
        for entry in entries {
            let target = perValue + Int(values[entry]) * width, rowGradient = upstream + Int(rows[entry]) * width
            for o in 0..<width { target[o] += rowGradient[o] }
        }
    }

    /// Runs `pass` with the sweeps compiled for this width; false, running nothing, when the width is not one of them.
    /// The sweep's type is known at each call of `run`, so each is compiled with its width as a constant.
    private func withFixedWidth(_ pass: some FixedWidthPass) -> Bool {
        switch width {
        case 1: pass.run(FixedWidthSweep<1>())
        case 2: pass.run(FixedWidthSweep<2>())
        case 3: pass.run(FixedWidthSweep<3>())
        case 4: pass.run(FixedWidthSweep<4>())
        case 5: pass.run(FixedWidthSweep<5>())
        case 6: pass.run(FixedWidthSweep<6>())
        case 7: pass.run(FixedWidthSweep<7>())
        case 8: pass.run(FixedWidthSweep<8>())
        case 9: pass.run(FixedWidthSweep<9>())
        case 10: pass.run(FixedWidthSweep<10>())
        case 11: pass.run(FixedWidthSweep<11>())
        case 12: pass.run(FixedWidthSweep<12>())
        case 13: pass.run(FixedWidthSweep<13>())
        case 14: pass.run(FixedWidthSweep<14>())
        case 15: pass.run(FixedWidthSweep<15>())
        case 16: pass.run(FixedWidthSweep<16>())
        default: return false
        }
        return true
    }
}

/// Work to run with a `FixedWidthSweeping` sweep (`SparseEntrySweep.withFixedWidth`).
private protocol FixedWidthPass {
    func run<Sweep: FixedWidthSweeping>(_ sweep: Sweep)
}

/// The forward sweep's arguments.
private struct Scatter: FixedWidthPass {
    let entries: Range<Int>
    let rows: UnsafePointer<Int32>
    let values: UnsafePointer<Int32>
    let offsets: UnsafePointer<Double>
    let sums: UnsafeMutablePointer<Double>

    func run<Sweep: FixedWidthSweeping>(_ sweep: Sweep) {
        sweep.scatter(entries, rows: rows, values: values, offsets: offsets, into: sums)
    }
}

/// The backward sweep's arguments.
private struct Gather: FixedWidthPass {
    let entries: Range<Int>
    let rows: UnsafePointer<Int32>
    let values: UnsafePointer<Int32>
    let upstream: UnsafePointer<Double>
    let perValue: UnsafeMutablePointer<Double>

    func run<Sweep: FixedWidthSweeping>(_ sweep: Sweep) {
        sweep.gather(entries, rows: rows, values: values, upstream: upstream, into: perValue)
    }
}

/// `SparseEntrySweep`'s sweeps for one width known at compile time.
private protocol FixedWidthSweeping {
    func scatter(_ entries: Range<Int>, rows: UnsafePointer<Int32>, values: UnsafePointer<Int32>, offsets: UnsafePointer<Double>,
                 into sums: UnsafeMutablePointer<Double>)
    func gather(_ entries: Range<Int>, rows: UnsafePointer<Int32>, values: UnsafePointer<Int32>, upstream: UnsafePointer<Double>,
                into perValue: UnsafeMutablePointer<Double>)
}

/// The sweeps with `Width` doubles per row as a type constant.
private struct FixedWidthSweep<let Width: Int>: FixedWidthSweeping {
    func scatter(_ entries: Range<Int>, rows: UnsafePointer<Int32>, values: UnsafePointer<Int32>, offsets: UnsafePointer<Double>,
                 into sums: UnsafeMutablePointer<Double>) {
        for entry in entries {
            let out = sums + Int(rows[entry]) &* Width, offset = offsets + Int(values[entry]) &* Width
            for o in 0..<Width { out[o] += offset[o] }
        }
    }

    func gather(_ entries: Range<Int>, rows: UnsafePointer<Int32>, values: UnsafePointer<Int32>, upstream: UnsafePointer<Double>,
                into perValue: UnsafeMutablePointer<Double>) {
        var entry = entries.lowerBound
        while entry < entries.upperBound {
            // A run of entries sharing a value: its sum is loaded once, added to in registers, stored once.
            let value = values[entry], target = perValue + Int(value) &* Width
            var sum = InlineArray<Width, Double>(repeating: 0)
            for o in 0..<Width { sum[o] = target[o] }
            repeat {
                let rowGradient = upstream + Int(rows[entry]) &* Width
                for o in 0..<Width { sum[o] += rowGradient[o] }
                entry &+= 1
            } while entry < entries.upperBound && values[entry] == value
            for o in 0..<Width { target[o] = sum[o] }
        }
    }
}
