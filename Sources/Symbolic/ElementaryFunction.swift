import Foundation

/// The elementary functions that expressions can apply, with everything the rest of the module needs to know
/// about each: its value, derivative, parity, domain and its spelling in every output language.
///
/// Square roots and reciprocals are powers (`x^0.5`, `x^-1`), not functions, so that products collect them.
/// Library entries such as `gaussian` or `x^2` are built from these (see `FunctionLibrary`).
public enum ElementaryFunction: String, Hashable, Sendable, CaseIterable {
    case sin, cos, tan, tanh, exp, log, abs, sign, arcsin, arccos, arctan, arctanh

    /// How `f(-u)` relates to `f(u)`, used by sign normalisation.
    public enum Parity: Sendable { case odd, even, neither }

    /// Spellings of one function in each printer's language.
    public struct Spelling: Sendable {
        /// SymPy's `str()` name: `asin`, `Abs`.
        public let sympy: String
        /// LaTeX command, written before the bracketed argument: `\sin`.
        public let latex: String
        /// Foundation function name, or nil when the printer writes an inline expression.
        public let swift: String?
    }

    /// Names the parser accepts for each function (SymPy's, NumPy's and the plain ones).
    public static let namesByAlias: [String: ElementaryFunction] = {
        var names: [String: ElementaryFunction] = [:]
        for function in allCases { names[function.rawValue] = function }
        names["Abs"] = .abs
        names["sgn"] = .sign
        names["asin"] = .arcsin
        names["acos"] = .arccos
        names["atan"] = .arctan
        names["atanh"] = .arctanh
        names["ln"] = .log
        return names
    }()

    public var spelling: Spelling {
        switch self {
        case .sin: Spelling(sympy: "sin", latex: "\\sin", swift: "sin")
        case .cos: Spelling(sympy: "cos", latex: "\\cos", swift: "cos")
        case .tan: Spelling(sympy: "tan", latex: "\\tan", swift: "tan")
        case .tanh: Spelling(sympy: "tanh", latex: "\\tanh", swift: "tanh")
        case .exp: Spelling(sympy: "exp", latex: "\\exp", swift: "exp")
        case .log: Spelling(sympy: "log", latex: "\\log", swift: "log")
        case .abs: Spelling(sympy: "Abs", latex: "\\operatorname{abs}", swift: "abs")
        case .sign: Spelling(sympy: "sign", latex: "\\operatorname{sign}", swift: nil)
        case .arcsin: Spelling(sympy: "asin", latex: "\\arcsin", swift: "asin")
        case .arccos: Spelling(sympy: "acos", latex: "\\arccos", swift: "acos")
        case .arctan: Spelling(sympy: "atan", latex: "\\arctan", swift: "atan")
        case .arctanh: Spelling(sympy: "atanh", latex: "\\operatorname{artanh}", swift: "atanh")
        }
    }

    public var parity: Parity {
        switch self {
        case .sin, .tan, .tanh, .sign, .arcsin, .arctan, .arctanh: .odd
        case .cos, .abs: .even
        case .exp, .log, .arccos: .neither
        }
    }

    /// The value at `x`, or the reason `x` lies outside the domain.
    public func evaluate(_ x: Double) -> Result<Double, EvaluationError> {
        switch self {
        case .sin: return .success(Foundation.sin(x))
        case .cos: return .success(Foundation.cos(x))
        case .tan:
            let value = Foundation.tan(x)
            return value.isFinite ? .success(value) : .failure(.domain(function: "tan", argument: x, reason: "pole"))
        case .tanh: return .success(Foundation.tanh(x))
        case .exp:
            let value = Foundation.exp(x)
            return value.isFinite ? .success(value) : .failure(.overflow(function: "exp", argument: x))
        case .log:
            return x > 0 ? .success(Foundation.log(x))
                : .failure(.domain(function: "log", argument: x, reason: "needs a positive argument"))
        case .abs: return .success(Swift.abs(x))
        case .sign: return .success(x > 0 ? 1 : (x < 0 ? -1 : 0))
        case .arcsin:
            return Swift.abs(x) <= 1 ? .success(Foundation.asin(x))
                : .failure(.domain(function: "asin", argument: x, reason: "needs -1 <= argument <= 1"))
        case .arccos:
            return Swift.abs(x) <= 1 ? .success(Foundation.acos(x))
                : .failure(.domain(function: "acos", argument: x, reason: "needs -1 <= argument <= 1"))
        case .arctan: return .success(Foundation.atan(x))
        case .arctanh:
            return Swift.abs(x) < 1 ? .success(Foundation.atanh(x))
                : .failure(.domain(function: "atanh", argument: x, reason: "needs -1 < argument < 1"))
        }
    }

    /// `f'(u)`, the derivative with respect to the argument, written in terms of `u`.
    public func derivative(at u: Expr) -> Expr {
        switch self {
        case .sin: return .apply(.cos, u)
        case .cos: return -Expr.apply(.sin, u)
        case .tan: return 1 + .power(.apply(.tan, u), 2)
        case .tanh: return 1 - .power(.apply(.tanh, u), 2)
        case .exp: return .apply(.exp, u)
        case .log: return .power(u, -1)
        case .abs: return .apply(.sign, u)
        case .sign: return 0
        case .arcsin: return .power(1 - .power(u, 2), -0.5)
        case .arccos: return -Expr.power(1 - .power(u, 2), -0.5)
        case .arctan: return .power(1 + .power(u, 2), -1)
        case .arctanh: return .power(1 - .power(u, 2), -1)
        }
    }
}
