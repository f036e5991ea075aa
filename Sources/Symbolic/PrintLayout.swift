/// The shape that all printers share: an expression turned into the operators a reader sees (subtraction,
/// division, square roots, unary minus), with one precedence table deciding parentheses. Each printer only
/// spells these nodes.
indirect enum PrintNode {
    case number(Double)
    case constant(MathConstant)
    case variable(String)
    /// Terms joined by `+` or `-`: each term is a node without its sign and a flag for negative.
    case sum([SignedNode])
    case negate(PrintNode)
    case product([PrintNode])
    case quotient(PrintNode, PrintNode)
    case power(PrintNode, PrintNode)
    case squareRoot(PrintNode)
    case call(ElementaryFunction, PrintNode)

    /// Binding strength, shared by every printer: a child needs parentheses when its precedence is lower
    /// than its position requires.
    var precedence: Precedence {
        switch self {
        case .sum: .sum
        case .negate: .negation
        case .product, .quotient: .product
        case .power: .power
        case .number, .constant, .variable, .squareRoot, .call: .atom
        }
    }

    init(_ expr: Expr) {
        switch expr {
        case .constant(let value):
            self = value < 0 ? .negate(.number(-value)) : .number(value)
        case .named(let constant):
            self = .constant(constant)
        case .variable(let name):
            self = .variable(name)
        case .sum(let sum):
            var items = sum.terms.map { term in
                SignedNode(negative: term.coefficient < 0, node: PrintNode(.constant(Swift.abs(term.coefficient)) * term.expr))
            }
            if sum.constant != 0 {
                items.append(SignedNode(negative: sum.constant < 0, node: .number(Swift.abs(sum.constant))))
            }
            // Lead with a positive term where there is one: `1 - x`, not `-x + 1`.
            if items[0].negative, let firstPositive = items.firstIndex(where: { !$0.negative }) {
                items.insert(items.remove(at: firstPositive), at: 0)
            }
            self = .sum(items)
        case .product(let product):
            self = PrintNode.layoutProduct(product)
        case .function(let function, let argument):
            self = .call(function, PrintNode(argument))
        }
    }

    private static func layoutProduct(_ product: Product) -> PrintNode {
        var numerator: [PrintNode] = []
        var denominator: [PrintNode] = []
        let magnitude = Swift.abs(product.coefficient)
        if magnitude != 1 { numerator.append(.number(magnitude)) }
        for factor in product.factors {
            if case .constant = factor.base {
                // Only undefined powers of numbers stay unfolded (`0^-1`, `(-2)^0.5`): write them as they are,
                // since `0` inside a printed product would absorb its neighbours when read back.
                numerator.append(.power(PrintNode(factor.base), PrintNode(factor.exponent)))
            } else if let exponent = factor.exponent.numericValue, exponent < 0 {
                denominator.append(layoutPower(factor.base, -exponent))
            } else if let exponent = factor.exponent.numericValue {
                numerator.append(layoutPower(factor.base, exponent))
            } else {
                numerator.append(.power(PrintNode(factor.base), PrintNode(factor.exponent)))
            }
        }
        func joined(_ nodes: [PrintNode]) -> PrintNode {
            nodes.count == 1 ? nodes[0] : .product(nodes)
        }
        var node: PrintNode
        if denominator.isEmpty {
            node = joined(numerator)
        } else {
            node = .quotient(numerator.isEmpty ? .number(1) : joined(numerator), joined(denominator))
        }
        if product.coefficient < 0 { node = .negate(node) }
        return node
    }

    private static func layoutPower(_ base: Expr, _ exponent: Double) -> PrintNode {
        if exponent == 1 { return PrintNode(base) }
        if exponent == 0.5 { return .squareRoot(PrintNode(base)) }
        return .power(PrintNode(base), .number(exponent))
    }
}

/// One summand as printed: its magnitude and whether it is subtracted.
struct SignedNode {
    let negative: Bool
    let node: PrintNode
}

/// Summands joined by ` + ` and ` - `, the first one signed with `leadingMinus` when negative; every printer
/// spells only the summands.
func joinSum(_ items: [SignedNode], leadingMinus: String, _ render: (PrintNode) -> String) -> String {
    var text = ""
    for (index, item) in items.enumerated() {
        let body = render(item.node)
        if index == 0 {
            text = item.negative ? leadingMinus + body : body
        } else {
            text += (item.negative ? " - " : " + ") + body
        }
    }
    return text
}

/// How tightly an operator binds; larger binds tighter.
enum Precedence: Int, Comparable {
    case sum = 1, negation, product, power, atom

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Writes an expression in one output language.
public protocol ExpressionPrinter {
    func print(_ expr: Expr) -> String
}

/// The shortest text that reads back as exactly the same `Double`, without a trailing `.0` on integers.
func shortestDecimal(_ value: Double) -> String {
    if value == value.rounded(), Swift.abs(value) < 1e15 {
        return String(Int64(value))
    }
    return "\(value)"
}
