/// Writes expressions as Swift source using Foundation (`pow`, `sqrt`, `exp`, `sin`, ...), either as one
/// expression or as a whole compilable `func NAME(_ x1: Double, ...) -> Double`.
public struct SwiftCodePrinter: ExpressionPrinter {
    /// Options for Swift output.
    public struct Settings: Sendable {
        /// The function's name, for `printFunction`.
        public var functionName: String
        /// A doc comment placed above the function, one line per element; none when empty.
        public var documentation: [String]
        /// Write `import Foundation` above the function.
        public var includeImport: Bool

        public init(functionName: String = "f", documentation: [String] = [], includeImport: Bool = true) {
            self.functionName = functionName
            self.documentation = documentation
            self.includeImport = includeImport
        }
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public func print(_ expr: Expr) -> String { render(PrintNode(expr)) }

    /// A complete function taking `parameters` in order (default: the expression's variables in natural order).
    /// A long sum is accumulated term by term, which keeps Swift's type checker fast.
    public func printFunction(_ expr: Expr, parameters: [String]? = nil) -> String {
        let names = parameters ?? expr.variables
        let signature = names.map { "_ \(SwiftCodePrinter.identifier($0)): Double" }.joined(separator: ", ")
        var lines: [String] = []
        if settings.includeImport { lines += ["import Foundation", ""] }
        lines += settings.documentation.map { "/// " + $0 }
        lines.append("func \(SwiftCodePrinter.functionIdentifier(settings.functionName))(\(signature)) -> Double {")
        if case .sum(let items) = PrintNode(expr), items.count > 4 {
            var accumulator = "result"
            while names.contains(accumulator) { accumulator += "_" }
            lines.append("    var \(accumulator) = 0.0")
            for item in items {
                lines.append("    \(accumulator) \(item.negative ? "-=" : "+=") \(render(item.node))")
            }
            lines.append("    return \(accumulator)")
        } else {
            lines.append("    return \(print(expr))")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ node: PrintNode) -> String {
        switch node {
        case .number(let value):
            let text = shortestDecimal(value)
            return text.contains(where: { $0 == "." || $0 == "e" }) ? text : text + ".0"
        case .constant(let constant):
            return constant == .pi ? "Double.pi" : "exp(1.0)"
        case .variable(let name):
            return SwiftCodePrinter.identifier(name)
        case .sum(let items):
            return joinSum(items, leadingMinus: "-", render)
        case .negate(let operand):
            return "-" + wrap(operand, below: .product)
        case .product(let items):
            return items.map { wrap($0, below: .product) }.joined(separator: " * ")
        case .quotient(let numerator, let denominator):
            return wrap(numerator, below: .product) + " / " + wrap(denominator, below: .atom)
        case .power(let base, let exponent):
            return "pow(\(render(base)), \(render(exponent)))"
        case .squareRoot(let operand):
            return "sqrt(\(render(operand)))"
        case .call(let function, let argument):
            let inner = render(argument)
            if let name = function.spelling.swift { return "\(name)(\(inner))" }
            return "((\(inner)) > 0 ? 1.0 : ((\(inner)) < 0 ? -1.0 : 0.0))"
        }
    }

    /// Parenthesises a node that binds less tightly than `minimum`; powers are `pow(...)` calls here, atoms.
    private func wrap(_ node: PrintNode, below minimum: Precedence) -> String {
        let text = render(node)
        if case .power = node { return text }
        return node.precedence < minimum ? "(\(text))" : text
    }

    static let keywords: Set<String> = [
        "as", "break", "case", "catch", "class", "continue", "default", "defer", "do", "else", "enum", "extension",
        "fallthrough", "false", "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is",
        "let", "nil", "operator", "private", "protocol", "public", "repeat", "return", "self", "Self", "static",
        "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var", "where",
        "while",
    ]

    /// The functions a printed body may call: a function of the same name would make the calls ambiguous.
    public static let calledFunctions: Set<String> = Set(ElementaryFunction.allCases.compactMap(\.spelling.swift) + ["pow", "sqrt", "exp"])

    /// Why `name` cannot be the printed function's name as given, or nil when it can: it must be a Swift
    /// identifier (`ExpressionParser.variableName` leaves it as it is), not `_` or a keyword, and not a function the
    /// body may call.
    public static func functionNameProblem(_ name: String) -> String? {
        let text = ExpressionParser.variableName(name)
        if text != name || name == "_" { return "expected a Swift name: letters, digits and _, not starting with a digit" }
        if keywords.contains(name) { return "'\(name)' is a Swift keyword" }
        if calledFunctions.contains(name) { return "the printed code calls the math function \(name); choose another name" }
        return nil
    }

    /// The printed function's name: `identifier(name)`, with `_` appended where that is `_` or a function the body
    /// may call (a target column named `sin` or `_`).
    static func functionIdentifier(_ name: String) -> String {
        let text = identifier(name)
        return text == "_" || calledFunctions.contains(text) ? text + "_" : text
    }

    /// A Swift identifier for a name: `ExpressionParser.variableName`, with keywords quoted.
    static func identifier(_ name: String) -> String {
        let text = ExpressionParser.variableName(name)
        return keywords.contains(text) ? "`\(text)`" : text
    }
}
