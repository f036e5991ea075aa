import KAN
import Symbolic

extension KANModel {
    /// pykan's `symbolic_formula`: every output as an expression of the inputs named `variables`, composed layer
    /// by layer with subnode and node scales and biases, multiplication nodes as products of their subnodes. Every
    /// live edge must be fixed to a library function.
    public func symbolicFormula(variables: [String]) throws(DistillationError) -> [Expr] {
        guard variables.count == inputCount else { throw .variableCount(expected: inputCount, found: variables.count) }
        if let spline = splineEdges.first { throw .notSymbolic(spline) }
        var nodes = variables.map { Expr.variable($0) }
        for layer in layers {
            let subnodes = (0..<layer.outputs).map { o -> Expr in
                let terms = (0..<layer.inputs).compactMap { i in
                    layer.symbolic[layer.edgeIndex(input: i, output: o)]?.expression(of: nodes[i])
                }
                return .constant(layer.subnodeScale[o]) * .sum(terms) + .constant(layer.subnodeBias[o])
            }
            // A sum node is its subnode; a multiplication node, the product of its subnodes (any arity).
            nodes = (0..<layer.nodes).map { n in
                .constant(layer.nodeScale[n]) * .product(layer.subnodes(ofNode: n).map { subnodes[$0] }) + .constant(layer.nodeBias[n])
            }
        }
        return nodes
    }
}
