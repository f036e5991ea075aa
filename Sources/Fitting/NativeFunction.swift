import Foundation
import Symbolic

/// The library definitions the fitter recognises (`x`, `c * x^p`, `sin(x)`, `exp(x)`, `exp(-x^2)`, ...) as native
/// closures for the value and the derivative, which the fitter calls millions of times per edge; any other
/// definition keeps the general compiled expression. Outside the real domain a value is NaN or infinite.
struct NativeFunction: Sendable {
    let value: @Sendable (Double) -> Double
    let derivative: @Sendable (Double) -> Double

    /// The native closures of `definition` (a function of `x`), or nil when it is not one of the known forms.
    init?(_ definition: Expr) {
        switch definition {
        case .variable("x"):
            self.init(value: { $0 }, derivative: { _ in 1 })
        case .product(let product) where product.factors.count == 1 && product.factors[0].base == .variable("x"):
            guard let exponent = product.factors[0].exponent.numericValue else { return nil }
            self.init(power: exponent, coefficient: product.coefficient)
        case .function(let function, .variable("x")):
            self.init(function)
        case .function(.exp, .product(let product)) where product.coefficient == -1 && product.factors.count == 1
            && product.factors[0].base == .variable("x") && product.factors[0].exponent == .constant(2):
            self.init(value: { Foundation.exp(-$0 * $0) }, derivative: { -2 * $0 * Foundation.exp(-$0 * $0) })
        case Self.coshDefinition:
            self.init(value: { Foundation.cosh($0) }, derivative: { Foundation.sinh($0) })
        case Self.sinhDefinition:
            self.init(value: { Foundation.sinh($0) }, derivative: { Foundation.cosh($0) })
        default:
            return nil
        }
    }

    /// The library's cosh and sinh, defined through exp (the expression module has no hyperbolic cosine).
    private static let coshDefinition = try! Expr(parsing: "(exp(x)+exp(-x))/2")
    private static let sinhDefinition = try! Expr(parsing: "(exp(x)-exp(-x))/2")

    private init(value: @escaping @Sendable (Double) -> Double, derivative: @escaping @Sendable (Double) -> Double) {
        self.value = value
        self.derivative = derivative
    }

    /// `c * x^p`: small integer powers by multiplication, halves through `sqrt`, others through `pow`.
    private init(power p: Double, coefficient c: Double) {
        switch p {
        case 1: self.init(value: { c * $0 }, derivative: { _ in c })
        case 2: self.init(value: { c * $0 * $0 }, derivative: { 2 * c * $0 })
        case 3: self.init(value: { c * $0 * $0 * $0 }, derivative: { 3 * c * $0 * $0 })
        case 4: self.init(value: { let s = $0 * $0; return c * s * s }, derivative: { 4 * c * $0 * $0 * $0 })
        case -1: self.init(value: { c / $0 }, derivative: { -c / ($0 * $0) })
        case -2: self.init(value: { c / ($0 * $0) }, derivative: { -2 * c / ($0 * $0 * $0) })
        case 0.5: self.init(value: { c * $0.squareRoot() }, derivative: { 0.5 * c / $0.squareRoot() })
        case -0.5: self.init(value: { c / $0.squareRoot() }, derivative: { -0.5 * c / ($0 * $0.squareRoot()) })
        case 1.5: self.init(value: { c * $0 * $0.squareRoot() }, derivative: { 1.5 * c * $0.squareRoot() })
        default:
            let integer = p == p.rounded()
            // pow of a negative base is NaN for a non-integer exponent, as the general path's real power.
            self.init(value: { c * Foundation.pow($0, p) },
                      derivative: { x in integer || x >= 0 ? c * p * Foundation.pow(x, p - 1) : .nan })
        }
    }

    private init?(_ function: ElementaryFunction) {
        switch function {
        case .sin: self.init(value: { Foundation.sin($0) }, derivative: { Foundation.cos($0) })
        case .cos: self.init(value: { Foundation.cos($0) }, derivative: { -Foundation.sin($0) })
        case .tan: self.init(value: { Foundation.tan($0) }, derivative: { let c = Foundation.cos($0); return 1 / (c * c) })
        case .tanh: self.init(value: { Foundation.tanh($0) }, derivative: { let t = Foundation.tanh($0); return 1 - t * t })
        case .exp: self.init(value: { Foundation.exp($0) }, derivative: { Foundation.exp($0) })
        case .log: self.init(value: { $0 > 0 ? Foundation.log($0) : .nan }, derivative: { $0 > 0 ? 1 / $0 : .nan })
        case .abs: self.init(value: { Swift.abs($0) }, derivative: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
        case .sign: self.init(value: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, derivative: { _ in 0 })
        case .arcsin: self.init(value: { Foundation.asin($0) }, derivative: { 1 / (1 - $0 * $0).squareRoot() })
        case .arccos: self.init(value: { Foundation.acos($0) }, derivative: { -1 / (1 - $0 * $0).squareRoot() })
        case .arctan: self.init(value: { Foundation.atan($0) }, derivative: { 1 / (1 + $0 * $0) })
        case .arctanh: self.init(value: { Foundation.atanh($0) }, derivative: { 1 / (1 - $0 * $0) })
        }
    }
}
