import Symbolic

extension KANModel {
    /// Fixes `edge` to `function` with the given constants (pykan's `fix_symbolic` with `fit_params_bool=False`):
    /// its spline is masked off and `c * f(a*x + b) + d` takes its place.
    public mutating func fixSymbolic(_ edge: EdgeID, function: LibraryFunction, constants: AffineConstants) throws(KANError) {
        try check(edge)
        let fixed: SymbolicEdge
        do { fixed = try SymbolicEdge(function: function, constants: constants) } catch {
            throw .invalidSymbolicFunction(edge, name: function.name, reason: error.description)
        }
        let e = index(of: edge)
        layers[edge.layer].symbolic[e] = fixed
        layers[edge.layer].mask[e] = 0
    }

    /// Returns `edge` to its spline (pykan's `unfix_symbolic`).
    public mutating func unfixSymbolic(_ edge: EdgeID) throws(KANError) {
        try check(edge)
        let e = index(of: edge)
        layers[edge.layer].symbolic[e] = nil
        layers[edge.layer].mask[e] = 1
    }
}
