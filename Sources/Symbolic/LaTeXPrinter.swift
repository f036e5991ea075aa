/// Writes expressions as LaTeX math: `\frac`, `\sqrt`, `e^{...}`, `\sin{\left(...\right)}`, subscripted
/// variables (`x1` and `x_1` both as `x_{1}`) and Greek letters by name (`theta` as `\theta`).
public struct LaTeXPrinter: ExpressionPrinter {
    /// Options for LaTeX output.
    public struct Settings: Sendable {
        /// Write `exp(u)` as `e^{u}` (the default) rather than `\exp{\left(u\right)}`.
        public var exponentialAsPower: Bool

        public init(exponentialAsPower: Bool = true) {
            self.exponentialAsPower = exponentialAsPower
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
            return LaTeXPrinter.number(value)
        case .constant(let constant):
            return constant == .pi ? "\\pi" : "e"
        case .variable(let name):
            return LaTeXPrinter.symbol(name)
        case .sum(let items):
            return joinSum(items, leadingMinus: "- ", render)
        case .negate(let operand):
            return "- " + wrap(operand, below: .product)
        case .product(let items):
            var text = ""
            for item in items {
                let body = wrap(item, below: .product)
                if text.isEmpty {
                    text = body
                } else {
                    let startsWithDigit = body.first.map { $0.isNumber } ?? false
                    text += (startsWithDigit ? " \\cdot " : " ") + body
                }
            }
            return text
        case .quotient(let numerator, let denominator):
            return "\\frac{\(render(numerator))}{\(render(denominator))}"
        case .power(let base, let exponent):
            return wrap(base, below: .atom, calls: true) + "^{\(render(exponent))}"
        case .squareRoot(let operand):
            return "\\sqrt{\(render(operand))}"
        case .call(.exp, let argument) where settings.exponentialAsPower:
            return "e^{\(render(argument))}"
        case .call(.abs, let argument):
            return "\\left|{\(render(argument))}\\right|"
        case .call(let function, let argument):
            return "\(function.spelling.latex){\\left(\(render(argument)) \\right)}"
        }
    }

    /// Parenthesises a node that binds less tightly than `minimum`; with `calls`, function calls and
    /// roots too (a power of `\sin{(x)}` reads better as `\left(\sin{(x)}\right)^{2}`).
    private func wrap(_ node: PrintNode, below minimum: Precedence, calls: Bool = false) -> String {
        let text = render(node)
        var needs = node.precedence < minimum
        if calls, case .call = node { needs = true }
        if calls, case .squareRoot = node { needs = true }
        if calls, case .number(let value) = node, value != value.rounded() { needs = true }
        return needs ? "\\left(\(text)\\right)" : text
    }

    static func number(_ value: Double) -> String {
        let text = shortestDecimal(value)
        guard let exponentIndex = text.firstIndex(of: "e") else { return text }
        let mantissa = text[..<exponentIndex]
        let exponent = Int(text[text.index(after: exponentIndex)...]) ?? 0
        return "\(mantissa) \\cdot 10^{\(exponent)}"
    }

    static let greekLetters: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    ]

    /// `x1` and `x_1` as `x_{1}`, `theta` as `\theta`, `omega_0` as `\omega_{0}`.
    static func symbol(_ name: String) -> String {
        var stem = name
        var subscriptText = ""
        if let underscore = name.firstIndex(of: "_"), underscore != name.startIndex {
            stem = String(name[..<underscore])
            subscriptText = String(name[name.index(after: underscore)...])
        } else {
            let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count < name.count {
                stem = String(name.dropLast(digits.count))
                subscriptText = String(digits.reversed())
            }
        }
        let stemText = greekLetters.contains(stem) ? "\\" + stem : stem
        if subscriptText.isEmpty { return stemText }
        let subscriptBody = greekLetters.contains(subscriptText) ? "\\" + subscriptText : subscriptText
        return "\(stemText)_{\(subscriptBody)}"
    }
}
