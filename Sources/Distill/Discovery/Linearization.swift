import Symbolic

extension Expr {
    /// The functions that are their argument to first order at 0: `sin(z) = z - z^3/6 + ...`.
    private static let linearAtZero: Set<ElementaryFunction> = [.sin, .tan, .tanh, .arcsin, .arctan, .arctanh]

    /// The largest argument, in absolute value, at which such a function is taken for its argument
    /// (`sin(0.3)/0.3 = 0.985`).
    static let linearReach = 0.3

    /// This formula with every function of `linearAtZero` whose argument stays within `linearReach` on `rows`
    /// (values of `variables`) replaced by its argument, simplified: `46*sin(0.00346*h*omega)` becomes
    /// `0.159*h*omega`. Nil when no function is so replaced.
    func linearizingSmallArguments(variables: [String], rows: [[Double]]) -> Expr? {
        var changed = false
        let result = transformedBottomUp { node in
            guard case .function(let function, let argument) = node, Self.linearAtZero.contains(function),
                  let compiled = try? argument.compiled(variables: variables) else { return node }
            let largest = rows.map { row in (try? compiled(row)).map(abs) ?? .infinity }.max() ?? .infinity
            guard largest <= Self.linearReach else { return node }
            changed = true
            return argument
        }
        return changed ? result.simplified() : nil
    }
}
