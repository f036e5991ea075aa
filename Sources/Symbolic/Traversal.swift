/// The single traversal primitive of `Expr`: its children in a fixed order, and the same node rebuilt from
/// replacement children. Evaluation, differentiation, rewriting and printing are written on top of these two.
///
/// Invariant: `e.replacingChildren(e.children) == e` for every canonical `e`.
extension Expr {
    /// The sub-expressions of this node: a sum's terms, a product's bases and exponents (alternating), a
    /// function's argument. Numeric coefficients are data of the node, not children.
    public var children: [Expr] {
        switch self {
        case .constant, .named, .variable:
            return []
        case .sum(let sum):
            return sum.terms.map(\.expr)
        case .product(let product):
            return product.factors.flatMap { [$0.base, $0.exponent] }
        case .function(_, let argument):
            return [argument]
        }
    }

    /// This node with its children replaced (in the order of `children`), rebuilt through the canonical
    /// constructors, so the result is canonical even when the new children are not in order or collapse.
    public func replacingChildren(_ newChildren: [Expr]) -> Expr {
        switch self {
        case .constant, .named, .variable:
            precondition(newChildren.isEmpty, "a leaf has no children")
            return self
        case .sum(let sum):
            precondition(newChildren.count == sum.terms.count, "sum: wrong number of children")
            let terms = zip(sum.terms, newChildren).map { Expr.constant($0.coefficient) * $1 }
            return Expr.sum([.constant(sum.constant)] + terms)
        case .product(let product):
            precondition(newChildren.count == 2 * product.factors.count, "product: wrong number of children")
            var parts: [Expr] = [.constant(product.coefficient)]
            for index in stride(from: 0, to: newChildren.count, by: 2) {
                parts.append(Expr.power(newChildren[index], newChildren[index + 1]))
            }
            return Expr.product(parts)
        case .function(let function, _):
            precondition(newChildren.count == 1, "function: one argument")
            return Expr.apply(function, newChildren[0])
        }
    }

    /// Rebuilds the tree bottom-up, giving `transform` each node after its children were transformed.
    public func transformedBottomUp(_ transform: (Expr) -> Expr) -> Expr {
        let kids = children
        let rebuilt = kids.isEmpty ? self : replacingChildren(kids.map { $0.transformedBottomUp(transform) })
        return transform(rebuilt)
    }

    /// Replaces every occurrence of the variables named in `bindings` by the bound expressions.
    public func substituting(_ bindings: [String: Expr]) -> Expr {
        transformedBottomUp { node in
            if case .variable(let name) = node, let replacement = bindings[name] { return replacement }
            return node
        }
    }
}
