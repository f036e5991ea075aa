import Symbolic

/// A layer's symbolic edges in its passes: each adds `c * f(a*x + b) + d` to its output node's sum (forward), and
/// gives the gradients of its `a, b, c, d` and its share of the input's gradient (backward). The functions come
/// compiled from `SymbolicKernel`; a value that cannot be evaluated counts as NaN.
struct SymbolicEdgePass {
    private let edges: [SymbolicKernel.Edge]
    /// The constants of `edges[slot]`.
    private let constants: [AffineConstants]
    private let inputs: Int
    private let outputs: Int

    init(_ kernel: SymbolicKernel, layer: KANLayer) {
        edges = kernel.edges
        constants = kernel.edges.map { layer.symbolic[$0.index]!.constants }
        (inputs, outputs) = (layer.inputs, layer.outputs)
    }

    /// Adds every symbolic edge's value at `input` (`[rows, inputs]`) to `sums` (`[rows, outputs]`).
    func forward(input: UnsafePointer<Double>, rows: Int, sums: UnsafeMutablePointer<Double>) {
        for (edge, k) in zip(edges, constants) {
            for row in 0..<rows {
                let value = (try? edge.value(k.a * input[row * inputs + edge.input] + k.b)) ?? .nan
                sums[row * outputs + edge.output] += k.c * value + k.d
            }
        }
    }

    /// Writes `dLoss/d(a, b, c, d)` of edge slot `s` at `gradient + 4 * s`, given `dLoss/dsum` (`sumGradient`,
    /// `[rows, outputs]`), and adds the edges' share to `inputGradient` (`[rows, inputs]`) when given.
    func backward(input: UnsafePointer<Double>, rows: Int, sumGradient: UnsafePointer<Double>,
                  inputGradient: UnsafeMutablePointer<Double>?, gradient: UnsafeMutablePointer<Double>) {
        for (slot, (edge, k)) in zip(edges, constants).enumerated() {
            var (da, db, dc, dd) = (0.0, 0.0, 0.0, 0.0)
            for row in 0..<rows {
                let x = input[row * inputs + edge.input]
                let u = k.a * x + k.b
                let value = (try? edge.value(u)) ?? .nan, slope = (try? edge.derivative(u)) ?? .nan
                let g = sumGradient[row * outputs + edge.output]
                dc += g * value
                dd += g
                da += g * k.c * slope * x
                db += g * k.c * slope
                inputGradient?[row * inputs + edge.input] += g * k.c * slope * k.a
            }
            let base = gradient + 4 * slot
            (base[0], base[1], base[2], base[3]) = (da, db, dc, dd)
        }
    }
}
