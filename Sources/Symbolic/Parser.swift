/// A syntax error in expression text, with the 1-based column where it was found.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let column: Int
    public let message: String

    public var description: String { "column \(column): \(message)" }
}

/// Reads expressions in the syntax the plain printer writes, which is also SymPy's `str()` and NumPy's:
/// `+ - * /`, powers as `^` or `**` (right-associative, binding tighter than unary minus: `-x^2` is `-(x^2)`),
/// parentheses, numbers such as `2`, `.5`, `1e-3`, the constants `pi` and `E` (or `e`), `sqrt(u)`, and the
/// elementary functions by their names or aliases (`Abs`, `asin`, `arcsin`, ...).
///
/// A name is a function when a `(` follows it, otherwise a variable: `gamma*beta` is a product of variables.
///
/// Nesting (parentheses, function calls, signs and exponents inside one another) is limited to `maximumDepth`
/// levels, an error beyond: every pass over an expression (simplifier, printers, derivative, evaluation) recurses
/// once per level, and 20,000 nested `sin(` overflowed the stack; no formula a person or the distiller writes
/// comes near the limit.
public struct ExpressionParser: Sendable {
    /// The deepest nesting the parser accepts.
    public static let maximumDepth = 200

    /// Names read as constants rather than variables.
    public var constants: [String: MathConstant]

    /// The names read as constants unless told otherwise: `pi`, and `E` or `e` for Euler's number.
    public static let defaultConstants: [String: MathConstant] = ["pi": .pi, "E": .e, "e": .e]

    public init(constants: [String: MathConstant] = ExpressionParser.defaultConstants) {
        self.constants = constants
    }

    /// A parser that reads `variables` as variables even where they spell a constant: a name given a value, or a
    /// data column called `E`, is never Euler's number.
    public init(variables: some Sequence<String>) {
        var constants = ExpressionParser.defaultConstants
        for name in variables { constants[name] = nil }
        self.init(constants: constants)
    }

    /// A name the parser reads as one variable: characters other than letters, digits and `_` become `_`, and a
    /// leading digit gets a `_` in front (`max-hr` is `max_hr`, `2nd` is `_2nd`).
    public static func variableName(_ name: String) -> String {
        var text = String(name.unicodeScalars.map { $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) ? Character($0) : "_" })
        if text.isEmpty || text.first!.isNumber { text = "_" + text }
        return text
    }

    /// Parses `text` into a canonical expression.
    public func parse(_ text: String) throws(ParseError) -> Expr {
        try parseWithDomain(text).expr
    }

    /// Parses `text` into a canonical expression and the partial operations it was written with (every
    /// division, root, non-whole power and `log`, `tan`, `asin`, `acos`, `atanh` as written, innermost first),
    /// which construction may have dropped: `0*log(x)` is `0`, but only where `x > 0`.
    public func parseWithDomain(_ text: String) throws(ParseError) -> ExprWithDomain {
        var state = State(tokens: try Lexer.tokens(of: text), constants: constants)
        let expr = try state.parseSum()
        guard case .end = state.current.kind else {
            throw ParseError(column: state.current.column, message: "expected an operator or the end, found \(state.current.kind)")
        }
        return ExprWithDomain(expr: expr, conditions: state.conditions)
    }

    private struct State {
        let tokens: [Token]
        let constants: [String: MathConstant]
        var position = 0
        var depth = 0
        /// The partial operations read so far, innermost first.
        var conditions: [PartialOperation] = []

        init(tokens: [Token], constants: [String: MathConstant]) {
            self.tokens = tokens
            self.constants = constants
        }

        var current: Token { tokens[position] }

        mutating func advance() { if position < tokens.count - 1 { position += 1 } }

        mutating func parseSum() throws(ParseError) -> Expr {
            let column = current.column
            var operands = [try parseProduct()]
            while case .symbol(let op) = current.kind, op == "+" || op == "-" {
                advance()
                let operand = try parseProduct()
                operands.append(op == "+" ? operand : -operand)
            }
            return try finite(Expr.sum(operands), from: column)
        }

        mutating func parseProduct() throws(ParseError) -> Expr {
            let column = current.column
            var result = try parseUnary()
            while case .symbol(let op) = current.kind, op == "*" || op == "/" {
                advance()
                let operand = try parseUnary()
                if op == "/", let condition = PartialOperation.ofPower(operand, -1) { conditions.append(condition) }
                result = try finite(op == "*" ? result * operand : result / operand, from: column)
            }
            return result
        }

        /// `expr`, unless folding its numbers overflowed (`1e300*1e300`): an error naming where that part
        /// starts. Only the new node's own numbers need a look; its children were checked when they were built.
        func finite(_ expr: Expr, from column: Int) throws(ParseError) -> Expr {
            let numbers: [Double]
            switch expr {
            case .constant(let value): numbers = [value]
            case .sum(let sum): numbers = [sum.constant] + sum.terms.map(\.coefficient)
            case .product(let product): numbers = [product.coefficient] + product.factors.compactMap(\.exponent.numericValue)
            default: numbers = []
            }
            guard numbers.allSatisfy(\.isFinite) else {
                throw ParseError(column: column, message: "the numbers from here on overflow: their value is beyond a Double's range (magnitudes up to about 1.8e308)")
            }
            return expr
        }

        /// Every nesting level passes here once: `(`, a call's argument, a sign's operand, an exponent.
        mutating func parseUnary() throws(ParseError) -> Expr {
            depth += 1
            defer { depth -= 1 }
            guard depth <= ExpressionParser.maximumDepth else {
                throw ParseError(column: current.column, message: "nested more than \(ExpressionParser.maximumDepth) levels deep (parentheses, functions, signs or powers inside one another)")
            }
            if case .symbol(let op) = current.kind, op == "-" || op == "+" {
                advance()
                let operand = try parseUnary()
                return op == "-" ? -operand : operand
            }
            return try parsePower()
        }

        mutating func parsePower() throws(ParseError) -> Expr {
            let base = try parseAtom()
            if case .symbol("^") = current.kind {
                let column = current.column
                advance()
                let exponent = try parseUnary()
                if let condition = PartialOperation.ofPower(base, exponent) { conditions.append(condition) }
                return try finite(Expr.power(base, exponent), from: column)
            }
            return base
        }

        mutating func parseAtom() throws(ParseError) -> Expr {
            let token = current
            switch token.kind {
            case .number(let value):
                advance()
                return .constant(value)
            case .name(let name):
                advance()
                if case .symbol("(") = current.kind {
                    return try parseCall(name, at: token.column)
                }
                if let constant = constants[name] { return .named(constant) }
                return .variable(name)
            case .symbol("("):
                advance()
                let inner = try parseSum()
                try expect(")", closing: token.column)
                return inner
            default:
                throw ParseError(column: token.column, message: "expected a number, a name or '(', found \(token.kind)")
            }
        }

        mutating func parseCall(_ name: String, at column: Int) throws(ParseError) -> Expr {
            let open = current.column
            advance()
            let argument = try parseSum()
            if case .symbol(",") = current.kind {
                throw ParseError(column: current.column, message: "'\(name)' takes one argument")
            }
            try expect(")", closing: open)
            if name == "sqrt" {
                if let condition = PartialOperation.ofPower(argument, 0.5) { conditions.append(condition) }
                return Expr.power(argument, 0.5)
            }
            guard let function = ElementaryFunction.namesByAlias[name] else {
                throw ParseError(column: column, message: "unknown function '\(name)'")
            }
            if let condition = PartialOperation.ofFunction(function, argument) { conditions.append(condition) }
            return Expr.apply(function, argument)
        }

        mutating func expect(_ symbol: String, closing openColumn: Int) throws(ParseError) {
            guard case .symbol(symbol) = current.kind else {
                throw ParseError(column: current.column,
                                 message: "expected '\(symbol)' to close the '(' at column \(openColumn), found \(current.kind)")
            }
            advance()
        }
    }
}

/// One lexical token and the column where it starts.
struct Token {
    enum Kind: CustomStringConvertible {
        case number(Double)
        case name(String)
        case symbol(String)
        case end

        var description: String {
            switch self {
            case .number(let value): "number \(value)"
            case .name(let name): "name '\(name)'"
            case .symbol(let symbol): "'\(symbol)'"
            case .end: "the end of the input"
            }
        }
    }

    let kind: Kind
    let column: Int
}

/// Splits expression text into tokens; `**` becomes `^`.
enum Lexer {
    static func tokens(of text: String) throws(ParseError) -> [Token] {
        let characters = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" }
        while index < characters.count {
            let c = characters[index]
            let column = index + 1
            if c.properties.isWhitespace {
                index += 1
            } else if c.properties.numericType != nil && c.isASCII || c == "." {
                let start = index
                while index < characters.count, characters[index].isASCII,
                      characters[index].properties.numericType != nil || characters[index] == "." {
                    index += 1
                }
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    var lookahead = index + 1
                    if lookahead < characters.count, characters[lookahead] == "+" || characters[lookahead] == "-" {
                        lookahead += 1
                    }
                    if lookahead < characters.count, characters[lookahead].isASCII,
                       characters[lookahead].properties.numericType != nil {
                        index = lookahead
                        while index < characters.count, characters[index].isASCII,
                              characters[index].properties.numericType != nil {
                            index += 1
                        }
                    }
                }
                let literal = String(String.UnicodeScalarView(characters[start..<index]))
                guard let value = Double(literal), value.isFinite else {
                    throw ParseError(column: column, message: "malformed number '\(literal)'")
                }
                tokens.append(Token(kind: .number(value), column: column))
            } else if isNameStart(c) {
                let start = index
                while index < characters.count,
                      isNameStart(characters[index]) || characters[index].properties.numericType != nil {
                    index += 1
                }
                tokens.append(Token(kind: .name(String(String.UnicodeScalarView(characters[start..<index]))), column: column))
            } else if c == "*", index + 1 < characters.count, characters[index + 1] == "*" {
                tokens.append(Token(kind: .symbol("^"), column: column))
                index += 2
            } else if "+-*/^(),".unicodeScalars.contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), column: column))
                index += 1
            } else {
                throw ParseError(column: column, message: "unexpected character '\(c)'")
            }
        }
        if tokens.isEmpty { throw ParseError(column: 1, message: "empty expression") }
        tokens.append(Token(kind: .end, column: characters.count + 1))
        return tokens
    }
}

extension Expr {
    /// Parses `text` with the default parser (`pi` and `E`/`e` are constants).
    public init(parsing text: String) throws(ParseError) {
        self = try ExpressionParser().parse(text)
    }
}
