import Symbolic

extension KANModel: CustomStringConvertible {
    /// A brief summary, as PyTorch prints a module: the shape, then one line per layer with its kinds of edges.
    ///
    ///     KANModel(width: [2, 5, 1], grid: 5, k: 3, base: silu, parameters: 85)
    ///       layer 0: 2 -> 5, 10 splines
    ///       layer 1: 5 -> 1, 4 splines, 1 pruned
    public var description: String {
        let header = "KANModel(width: \(configuration.widthDescription), grid: \(configuration.grid), k: \(configuration.order), "
            + "base: \(configuration.baseFunction), parameters: \(parameterCount))"
        return ([header] + layers.enumerated().map { "  layer \($0.offset): \($0.element)" }).joined(separator: "\n")
    }
}

extension KANLayer: CustomStringConvertible {
    /// `2 -> 5, 8 splines, 1 pruned, 1 fixed: (0,1) exp`: the layer's shape (`3 -> 1 (1 multiplying [3])` for a
    /// multiplication node of arity 3) and what its edges are.
    public var description: String {
        let indices = mask.indices
        let splines = indices.filter { symbolic[$0] == nil && mask[$0] != 0 }.count
        let pruned = indices.filter { symbolic[$0] == nil && mask[$0] == 0 }.count
        let fixed = indices.compactMap { e in
            symbolic[e].map { edge in "(\(self.edge(at: e).input),\(self.edge(at: e).output)) \(edge.name)" }
        }
        let multiplications = multiplicationArities.isEmpty ? "" : " (\(multiplicationArities.count) multiplying \(multiplicationArities))"
        var parts = ["\(inputs) -> \(nodes)\(multiplications)", "\(splines) splines"]
        if pruned > 0 { parts.append("\(pruned) pruned") }
        if !fixed.isEmpty { parts.append("\(fixed.count) fixed: " + fixed.joined(separator: ", ")) }
        return parts.joined(separator: ", ")
    }
}

extension SymbolicEdge: CustomStringConvertible {
    /// The edge as a formula in `x`, e.g. `2.0*sin(3.1*x + 0.2) - 0.5`.
    public var description: String { PlainTextPrinter().print(expression(of: .variable("x"))) }
}

extension KANConfiguration {
    /// The width as pykan writes it: `[2, 5, 1]`, or `[2, [0, 1], 1]` with multiplication nodes (as
    /// `[sum nodes, multiplication nodes]`).
    public var widthDescription: String {
        "[" + width.indices.map { l in
            let mult = multiplicationArities(ofNodeLayer: l).count
            return mult == 0 ? "\(width[l])" : "[\(width[l] - mult), \(mult)]"
        }.joined(separator: ", ") + "]"
    }
}
