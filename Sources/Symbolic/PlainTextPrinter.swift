/// Writes expressions as plain text in SymPy/Python syntax: `**` for powers, `sqrt`, `exp`, `log`, `Abs`,
/// `asin`, `pi`, `E`. `sympy.sympify` and `ExpressionParser` both read it back to the same expression.
public struct PlainTextPrinter: ExpressionPrinter {
    /// Options for plain-text output.
    public struct Settings: Sendable {
        /// The power operator: `**` (Python, the default) or `^`.
        public var powerOperator: String

        public init(powerOperator: String = "**") {
            self.powerOperator = powerOperator
        }
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public func print(_ expr: Expr) -> String { render(PrintNode(expr)) }

    private func render(_ node: PrintNode) -> String {
        switch node {
        case .number(let value):
            return shortestDecimal(value)
        case .constant(let constant):
            return constant == .pi ? "pi" : "E"
        case .variable(let name):
            return name
        case .sum(let items):
            return joinSum(items, leadingMinus: "-", render)
        case .negate(let operand):
            return "-" + wrap(operand, below: .product)
        case .product(let items):
            return items.map { wrap($0, below: .product) }.joined(separator: "*")
        case .quotient(let numerator, let denominator):
            return wrap(numerator, below: .product) + "/" + wrap(denominator, below: .power)
        case .power(let base, let exponent):
            return wrap(base, below: .atom) + settings.powerOperator + wrap(exponent, below: .atom)
        case .squareRoot(let operand):
            return "sqrt(\(render(operand)))"
        case .call(let function, let argument):
            return "\(function.spelling.sympy)(\(render(argument)))"
        }
    }

    private func wrap(_ node: PrintNode, below minimum: Precedence) -> String {
        let text = render(node)
        return node.precedence < minimum ? "(\(text))" : text
    }
}

extension Expr: CustomStringConvertible {
    /// The plain-text (SymPy syntax) spelling.
    public var description: String { PlainTextPrinter().print(self) }
}
