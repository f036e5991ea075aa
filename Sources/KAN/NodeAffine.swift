/// The node maps of pykan's MultKAN, from a layer's summed edges (`[rows, outputs]`, one per subnode) to its
/// nodes (`[rows, nodes]`): `u = subnode_scale * sum + subnode_bias` per subnode, a sum node's value its one `u`, a
/// multiplication node's the product of its subnodes' `u`, then `out = node_scale * value + node_bias`.
enum NodeAffine {
    /// The layer's outputs (its nodes) from its sums.
    static func forward(_ layer: KANLayer, sums: UnsafePointer<Double>, rows: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: rows * layer.nodes) { next, initialized in
            forward(layer, sums: sums, rows: 0..<rows, into: next.baseAddress!)
            initialized = rows * layer.nodes
        }
    }

    /// Rows `rows` of the outputs, written to `next` (`[batch, nodes]`, as `sums` is `[batch, outputs]`): each row
    /// on its own, so chunks of rows can run on different threads.
    static func forward(_ layer: KANLayer, sums: UnsafePointer<Double>, rows: Range<Int>, into next: UnsafeMutablePointer<Double>) {
        let outs = layer.outputs, sumNodes = layer.sumNodes, nodes = layer.nodes
        let (nodeScale, nodeBias, subnodeScale, subnodeBias) = (layer.nodeScale, layer.nodeBias, layer.subnodeScale, layer.subnodeBias)
        for row in rows {
            for o in 0..<sumNodes {
                let index = row * outs + o
                next[row * nodes + o] = nodeScale[o] * (subnodeScale[o] * sums[index] + subnodeBias[o]) + nodeBias[o]
            }
            for n in sumNodes..<nodes {
                var product = 1.0
                for j in layer.subnodes(ofNode: n) { product *= layer.subnodeScale[j] * sums[row * outs + j] + layer.subnodeBias[j] }
                next[row * nodes + n] = layer.nodeScale[n] * product + layer.nodeBias[n]
            }
        }
    }

    /// Writes `dLoss/dsum` into `sumGradient` (`[rows, outputs]`) from `dLoss/dout` (`upstream`, `[rows, nodes]`),
    /// and, when the maps are trained, adds the gradients of the four affine vectors (`[subnode_scale |
    /// subnode_bias]`, each `[outputs]`, then `[node_scale | node_bias]`, each `[nodes]`) to `affineGradient`,
    /// which starts at zero.
    static func backward(_ layer: KANLayer, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Int,
                         sumGradient: UnsafeMutablePointer<Double>, affineGradient: UnsafeMutablePointer<Double>?) {
        sumGradients(layer, sums: sums, upstream: upstream, rows: 0..<rows, into: sumGradient)
        if let affineGradient { affineGradients(layer, sums: sums, upstream: upstream, rows: rows, into: affineGradient) }
    }

    /// Rows `rows` of `dLoss/dsum` (the buffers span the batch): each row on its own, as in `forward`.
    static func sumGradients(_ layer: KANLayer, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Range<Int>,
                             into sumGradient: UnsafeMutablePointer<Double>) {
        let outs = layer.outputs, nodes = layer.nodes, sumNodes = layer.sumNodes
        let (nodeScale, subnodeScale) = (layer.nodeScale, layer.subnodeScale)
        for row in rows {
            for o in 0..<sumNodes {
                let index = row * outs + o
                sumGradient[index] = upstream[row * nodes + o] * nodeScale[o] * subnodeScale[o]
            }
            for n in layer.sumNodes..<nodes {
                let g = upstream[row * nodes + n] * layer.nodeScale[n]
                for j in layer.subnodes(ofNode: n) {
                    sumGradient[row * outs + j] = g * otherFactors(layer, n, excluding: j, sums: sums + row * outs) * layer.subnodeScale[j]
                }
            }
        }
    }

    /// Adds the affine vectors' gradients, summed over all `rows` rows in order, to `affine` (laid out as in `backward`).
    static func affineGradients(_ layer: KANLayer, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Int,
                                into affine: UnsafeMutablePointer<Double>) {
        let outs = layer.outputs, nodes = layer.nodes, sumNodes = layer.sumNodes
        let (nodeScale, subnodeScale, subnodeBias) = (layer.nodeScale, layer.subnodeScale, layer.subnodeBias)
        for row in 0..<rows {
            for o in 0..<sumNodes {
                let index = row * outs + o, g = upstream[row * nodes + o]
                affine[o] += g * nodeScale[o] * sums[index]
                affine[outs + o] += g * nodeScale[o]
                affine[2 * outs + o] += g * (subnodeScale[o] * sums[index] + subnodeBias[o])
                affine[2 * outs + nodes + o] += g
            }
            for n in layer.sumNodes..<nodes {
                let g = upstream[row * nodes + n], values = sums + row * outs
                var product = 1.0
                for j in layer.subnodes(ofNode: n) {
                    let du = g * layer.nodeScale[n] * otherFactors(layer, n, excluding: j, sums: values)
                    affine[j] += du * values[j]
                    affine[outs + j] += du
                    product *= layer.subnodeScale[j] * values[j] + layer.subnodeBias[j]
                }
                affine[2 * outs + n] += g * product
                affine[2 * outs + nodes + n] += g
            }
        }
    }

    /// The product of multiplication node `node`'s subnode values other than `excluded`, on one row of sums.
    private static func otherFactors(_ layer: KANLayer, _ node: Int, excluding excluded: Int, sums: UnsafePointer<Double>) -> Double {
        var product = 1.0
        for j in layer.subnodes(ofNode: node) where j != excluded {
            product *= layer.subnodeScale[j] * sums[j] + layer.subnodeBias[j]
        }
        return product
    }
}
