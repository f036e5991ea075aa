/// Applies rewrite rules to an expression until nothing changes or a limit is reached, keeping the cheapest
/// form seen: the result is never costlier than the input, and has the same value wherever the input is
/// defined. It may be defined more widely (`exp(log(x))` is `x`; `ExprWithDomain` keeps the input's conditions),
/// but a part without a value whatever the variables keeps having none (`exp(log(-1))` stays). Modelled on
/// egg's runner (rules, limits, a stop reason, a cost function), without e-graphs: rewriting is greedy and
/// bottom-up, and expansion is tried once as a whole and kept only when cheaper.
public struct Simplifier: Sendable {
    /// Why the runner stopped.
    public enum StopReason: String, Sendable {
        /// A full pass changed nothing.
        case saturated
        /// `iterationLimit` passes ran.
        case iterationLimit
        /// The expression grew beyond `nodeLimit` nodes.
        case nodeLimit
    }

    /// The outcome of one run.
    public struct Report: Sendable {
        public let result: Expr
        public let stopReason: StopReason
        public let iterations: Int
        /// Names of the rules that fired, in order (a rule that fired several times appears several times).
        public let appliedRules: [String]
    }

    public var rules: [RewriteRule]
    public var cost: CostFunction
    public var iterationLimit: Int
    public var nodeLimit: Int
    /// Also try the fully expanded form (`(x+1)^2 - x^2` becomes `2*x + 1`), kept only when cheaper.
    public var tryExpansion: Bool

    public init(rules: [RewriteRule] = RewriteRule.standard, cost: CostFunction = .operationCount,
                iterationLimit: Int = 20, nodeLimit: Int = 10_000, tryExpansion: Bool = true) {
        self.rules = rules
        self.cost = cost
        self.iterationLimit = iterationLimit
        self.nodeLimit = nodeLimit
        self.tryExpansion = tryExpansion
    }

    /// The simplified expression.
    public func simplify(_ expr: Expr) -> Expr { run(expr).result }

    /// Simplifies and reports how.
    public func run(_ expr: Expr) -> Report {
        let first = rewriteToFixpoint(expr)
        guard tryExpansion else { return first }
        let expanded = rewriteToFixpoint(first.result.expanded())
        if cost.cost(expanded.result) < cost.cost(first.result) {
            return Report(result: expanded.result, stopReason: expanded.stopReason,
                          iterations: first.iterations + expanded.iterations,
                          appliedRules: first.appliedRules + ["expand"] + expanded.appliedRules)
        }
        return first
    }

    private func rewriteToFixpoint(_ expr: Expr) -> Report {
        var current = expr
        var best = expr
        var bestCost = cost.cost(expr)
        var applied: [String] = []
        var iterations = 0
        var reason = StopReason.iterationLimit
        while iterations < iterationLimit {
            iterations += 1
            let next = current.transformedBottomUp { node in rewriteNode(node, applied: &applied) }
            if next == current { reason = .saturated; break }
            current = next
            let currentCost = cost.cost(current)
            if currentCost <= bestCost {
                best = current
                bestCost = currentCost
            }
            if current.nodeCount > nodeLimit { reason = .nodeLimit; break }
        }
        return Report(result: best, stopReason: reason, iterations: iterations, appliedRules: applied)
    }

    /// Tries every rule on one node, repeatedly, until none applies (bounded, in case rules cycle). A rewrite
    /// that would give a value to a node without one (`exp(log(-1))` is not `-1`) is not taken.
    private func rewriteNode(_ node: Expr, applied: inout [String]) -> Expr {
        var current = node
        for _ in 0..<8 {
            let rewrites = rules.lazy.compactMap { rule in rule.apply(to: current).map { (rule, $0) } }
            guard let (rule, result) = rewrites.first(where: { current.undefinedConstantPart == nil || $0.1.undefinedConstantPart != nil })
            else { break }
            applied.append(rule.name)
            current = result
        }
        return current
    }
}

extension Expr {
    /// Simplified with the standard rules.
    public func simplified() -> Expr { Simplifier().simplify(self) }

    /// Products of sums and whole powers of sums (up to the 8th) multiplied out, recursively. A product whose
    /// expansion would pass `expansionLimit` terms keeps the factors that would (`(x1 + ... + x6)^8` has 1,287
    /// terms, and a product of a few such takes minutes to multiply out).
    public func expanded() -> Expr {
        transformedBottomUp { node in
            guard case .product(let product) = node else { return node }
            var terms: [Expr] = [.constant(product.coefficient)]
            for factor in product.factors {
                var factorTerms = [Expr.power(factor.base, factor.exponent)]
                if case .sum(let sum) = factor.base, let n = factor.exponent.numericValue, n == n.rounded(), n >= 1, n <= 8,
                   let expansion = Expr.expandedPower(sum, Int(n), limit: Self.expansionLimit / terms.count) {
                    factorTerms = expansion
                }
                terms = terms.flatMap { left in factorTerms.map { right in left * right } }
            }
            return Expr.sum(terms)
        }
    }

    /// The most terms `expanded` multiplies out in one product.
    static let expansionLimit = 1_000

    /// The terms of `sum^n`, or nil when they would be more than `limit`.
    private static func expandedPower(_ sum: Sum, _ n: Int, limit: Int) -> [Expr]? {
        let parts = Expr.sum(sum).additiveParts
        var result: [Expr] = [1]
        for _ in 0..<n {
            guard result.count * parts.count <= limit else { return nil }
            result = Expr.sum(result.flatMap { left in parts.map { right in left * right } }).additiveParts
        }
        return result
    }

    /// The summands of a sum with their coefficients (`2*x + 1` gives `[2*x, 1]`), or `[self]`.
    public var additiveParts: [Expr] {
        guard case .sum(let sum) = self else { return [self] }
        return (sum.constant == 0 ? [] : [Expr.constant(sum.constant)])
            + sum.terms.map { Expr.constant($0.coefficient) * $0.expr }
    }
}
