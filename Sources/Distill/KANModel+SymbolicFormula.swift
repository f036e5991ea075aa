import KAN
import Symbolic

extension KANModel {
    /// pykan's `symbolic_formula`: every output as an expression of the inputs named `variables`, composed layer
    /// by layer with node scales and biases. Every live edge must be fixed to a library function.
    public func symbolicFormula(variables: [String]) throws(DistillationError) -> [Expr] {
        guard variables.count == inputCount else { throw .variableCount(expected: inputCount, found: variables.count) }
        if let spline = splineEdges.first { throw .notSymbolic(spline) }
        var nodes = variables.map { Expr.variable($0) }
        for layer in layers {
            nodes = (0..<layer.outputs).map { o in
                let terms = (0..<layer.inputs).compactMap { i in
                    layer.symbolic[layer.edgeIndex(input: i, output: o)]?.expression(of: nodes[i])
                }
                return .constant(layer.nodeScale[o]) * (.constant(layer.subnodeScale[o]) * .sum(terms) + .constant(layer.subnodeBias[o]))
                    + .constant(layer.nodeBias[o])
            }
        }
        return nodes
    }
}
