/// The node maps of pykan's MultKAN, from a layer's summed edges (`[rows, outputs]`, one per subnode) to its
/// nodes (`[rows, nodes]`): `u = subnode_scale * sum + subnode_bias` per subnode, a sum node's value its one `u`, a
/// multiplication node's the product of its subnodes' `u`, then `out = node_scale * value + node_bias`.
///
/// The maps are read from `NodeMaps`, the cache's copy of the layer's four vectors, so that chunks of rows on several
/// threads touch no array of the layer (whose reference counts they would otherwise contend for). Index arithmetic
/// wraps, as in the kernels: every index is inside a buffer of the pass.
enum NodeAffine {
    /// The layer's outputs (its nodes) from its sums.
    static func forward(_ maps: NodeMaps, sums: UnsafePointer<Double>, rows: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: rows * maps.nodes) { next, initialized in
            forward(maps, sums: sums, rows: 0..<rows, into: next.baseAddress!)
            initialized = rows * maps.nodes
        }
    }

    /// Rows `rows` of the outputs, written to `next` (`[batch, nodes]`, as `sums` is `[batch, outputs]`): each row
    /// on its own, so chunks of rows can run on different threads.
    static func forward(_ maps: NodeMaps, sums: UnsafePointer<Double>, rows: Range<Int>, into next: UnsafeMutablePointer<Double>) {
        let (outs, sumNodes, nodes) = (maps.outputs, maps.sumNodes, maps.nodes)
        let (nodeScale, nodeBias, subnodeScale, subnodeBias) = (maps.nodeScale, maps.nodeBias, maps.subnodeScale, maps.subnodeBias)
        for row in rows {
            let values = sums + row &* outs, out = next + row &* nodes
            for o in 0..<sumNodes {
                out[o] = nodeScale[o] * (subnodeScale[o] * values[o] + subnodeBias[o]) + nodeBias[o]
            }
            for n in sumNodes..<nodes {
                var product = 1.0
                for j in maps.subnodes(ofNode: n) { product *= subnodeScale[j] * values[j] + subnodeBias[j] }
                out[n] = nodeScale[n] * product + nodeBias[n]
            }
        }
    }

    /// Writes `dLoss/dsum` into `sumGradient` (`[rows, outputs]`) from `dLoss/dout` (`upstream`, `[rows, nodes]`),
    /// and, when the maps are trained, adds the gradients of the four affine vectors (`[subnode_scale |
    /// subnode_bias]`, each `[outputs]`, then `[node_scale | node_bias]`, each `[nodes]`) to `affineGradient`,
    /// which starts at zero.
    static func backward(_ maps: NodeMaps, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Int,
                         sumGradient: UnsafeMutablePointer<Double>, affineGradient: UnsafeMutablePointer<Double>?) {
        sumGradients(maps, sums: sums, upstream: upstream, rows: 0..<rows, into: sumGradient)
        if let affineGradient { affineGradients(maps, sums: sums, upstream: upstream, rows: rows, into: affineGradient) }
    }

    /// Rows `rows` of `dLoss/dsum` (the buffers span the batch): each row on its own, as in `forward`.
    static func sumGradients(_ maps: NodeMaps, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Range<Int>,
                             into sumGradient: UnsafeMutablePointer<Double>) {
        let (outs, sumNodes, nodes) = (maps.outputs, maps.sumNodes, maps.nodes)
        let (nodeScale, subnodeScale) = (maps.nodeScale, maps.subnodeScale)
        for row in rows {
            let up = upstream + row &* nodes, gradient = sumGradient + row &* outs
            for o in 0..<sumNodes {
                gradient[o] = up[o] * nodeScale[o] * subnodeScale[o]
            }
            for n in sumNodes..<nodes {
                let g = up[n] * nodeScale[n]
                for j in maps.subnodes(ofNode: n) {
                    gradient[j] = g * otherFactors(maps, n, excluding: j, sums: sums + row &* outs) * subnodeScale[j]
                }
            }
        }
    }

    /// Adds the affine vectors' gradients, summed over all `rows` rows in order, to `affine` (laid out as in `backward`).
    static func affineGradients(_ maps: NodeMaps, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Int,
                                into affine: UnsafeMutablePointer<Double>) {
        let (outs, sumNodes, nodes) = (maps.outputs, maps.sumNodes, maps.nodes)
        let (nodeScale, subnodeScale, subnodeBias) = (maps.nodeScale, maps.subnodeScale, maps.subnodeBias)
        for row in 0..<rows {
            let up = upstream + row &* nodes, values = sums + row &* outs
            for o in 0..<sumNodes {
                let g = up[o]
                affine[o] += g * nodeScale[o] * values[o]
                affine[outs &+ o] += g * nodeScale[o]
                affine[2 &* outs &+ o] += g * (subnodeScale[o] * values[o] + subnodeBias[o])
                affine[2 &* outs &+ nodes &+ o] += g
            }
            for n in sumNodes..<nodes {
                let g = up[n]
                var product = 1.0
                for j in maps.subnodes(ofNode: n) {
                    let du = g * nodeScale[n] * otherFactors(maps, n, excluding: j, sums: values)
                    affine[j] += du * values[j]
                    affine[outs &+ j] += du
                    product *= subnodeScale[j] * values[j] + subnodeBias[j]
                }
                affine[2 &* outs &+ n] += g * product
                affine[2 &* outs &+ nodes &+ n] += g
            }
        }
    }

    /// The product of multiplication node `node`'s subnode values other than `excluded`, on one row of sums.
    private static func otherFactors(_ maps: NodeMaps, _ node: Int, excluding excluded: Int, sums: UnsafePointer<Double>) -> Double {
        var product = 1.0
        for j in maps.subnodes(ofNode: node) where j != excluded {
            product *= maps.subnodeScale[j] * sums[j] + maps.subnodeBias[j]
        }
        return product
    }
}

/// A layer's node maps as `NodeAffine` reads them: its sizes and its four affine vectors, copied into a cache's
/// buffer for the pass (`KANEvaluator.LayerCache.nodeMaps`).
struct NodeMaps {
    let outputs: Int
    let sumNodes: Int
    let nodes: Int
    let subnodeScale: UnsafePointer<Double>
    let subnodeBias: UnsafePointer<Double>
    let nodeScale: UnsafePointer<Double>
    let nodeBias: UnsafePointer<Double>
    /// Multiplication node `sumNodes + m` has the subnodes `multiplicationStarts[m] ..< multiplicationStarts[m + 1]`.
    let multiplicationStarts: UnsafePointer<Int>

    /// As `KANLayer.subnodes(ofNode:)`.
    @inline(__always)
    func subnodes(ofNode node: Int) -> Range<Int> {
        guard node >= sumNodes else { return node..<node &+ 1 }
        return multiplicationStarts[node &- sumNodes]..<multiplicationStarts[node &- sumNodes &+ 1]
    }
}
