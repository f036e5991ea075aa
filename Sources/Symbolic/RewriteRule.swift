/// One named rewrite, `lhs => rhs`, with its guard inside: `rewrite` returns the replacement for a node it
/// applies to and nil otherwise. Rules see canonical nodes and return canonical nodes; every rule keeps the
/// value of the expression wherever the original is defined.
public struct RewriteRule: Sendable {
    /// A short stable name, e.g. `sqrt-of-square`.
    public let name: String
    /// The rewrite in words, e.g. `sqrt(u^2) => abs(u)`.
    public let summary: String
    let rewrite: @Sendable (Expr) -> Expr?

    public init(name: String, summary: String, rewrite: @escaping @Sendable (Expr) -> Expr?) {
        self.name = name
        self.summary = summary
        self.rewrite = rewrite
    }

    /// The rewritten node, or nil when the rule does not apply (or would change nothing).
    public func apply(to expr: Expr) -> Expr? {
        guard let result = rewrite(expr), result != expr else { return nil }
        return result
    }
}
