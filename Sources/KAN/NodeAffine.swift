/// The node affine maps of pykan's MultKAN, from a layer's summed edges to its outputs, per row of
/// `[rows, outputs]`: `out = node_scale * (subnode_scale * sum + subnode_bias) + node_bias`.
enum NodeAffine {
    /// The layer's outputs from its sums.
    static func forward(_ layer: KANLayer, sums: UnsafePointer<Double>, rows: Int) -> [Double] {
        let outs = layer.outputs
        return [Double](unsafeUninitializedCapacity: rows * outs) { next, initialized in
            for row in 0..<rows {
                for o in 0..<outs {
                    let index = row * outs + o
                    next[index] = layer.nodeScale[o] * (layer.subnodeScale[o] * sums[index] + layer.subnodeBias[o]) + layer.nodeBias[o]
                }
            }
            initialized = rows * outs
        }
    }

    /// Writes `dLoss/dsum` into `sumGradient` from `dLoss/dout` (`upstream`), and, when the maps are trained, adds
    /// the gradients of the four affine vectors (`[subnode_scale | subnode_bias | node_scale | node_bias]`, each
    /// `[outputs]`) to `affineGradient`, which starts at zero.
    static func backward(_ layer: KANLayer, sums: UnsafePointer<Double>, upstream: UnsafePointer<Double>, rows: Int,
                         sumGradient: UnsafeMutablePointer<Double>, affineGradient: UnsafeMutablePointer<Double>?) {
        let outs = layer.outputs
        for row in 0..<rows {
            for o in 0..<outs {
                let index = row * outs + o
                sumGradient[index] = upstream[index] * layer.nodeScale[o] * layer.subnodeScale[o]
            }
        }
        guard let affine = affineGradient else { return }
        for row in 0..<rows {
            for o in 0..<outs {
                let index = row * outs + o, g = upstream[index]
                affine[o] += g * layer.nodeScale[o] * sums[index]
                affine[outs + o] += g * layer.nodeScale[o]
                affine[2 * outs + o] += g * (layer.subnodeScale[o] * sums[index] + layer.subnodeBias[o])
                affine[3 * outs + o] += g
            }
        }
    }
}
