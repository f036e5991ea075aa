import Symbolic

extension Dataset {
    /// The variables of `expression` sampled as `count` inputs (pykan's `n_var`): `x1` ... `xN` in order when the
    /// formula uses only such names (`x2` alone with a count of 3 samples `x1, x2, x3`), else the formula's own in
    /// natural order; nil when the formula uses more than `count` variables.
    public static func sampledVariables(of expression: Expr, count: Int) -> [String]? {
        let variables = expression.variables
        guard count >= variables.count else { return nil }
        let natural = (1...max(count, 1)).map { "x\($0)" }
        return variables.allSatisfy({ natural.contains($0) }) ? natural : variables
    }
}
