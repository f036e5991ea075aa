import Foundation
import Symbolic

/// The symmetries of a library function `f`, detected numerically from its definition, which decide which
/// affine constants `(a, b, c, d)` of `c * f(a*x + b) + d` are equivalent. Used to report the simplest of the
/// equivalent answers (`a > 0`, `b = 0` for `exp`, `|a| = 1` for powers, phases in one period).
struct FunctionShape: Sendable {
    /// `f(-u) = K - f(u)` (odd when `K = 0`), or `f(-u) = f(u)`.
    enum Parity: Sendable, Equatable { case odd(Double), even, neither }

    let value: @Sendable (Double) -> Double?
    let derivative: @Sendable (Double) -> Double?
    var parity = Parity.neither
    /// `p` with `f(t*u) = t^p * f(u)` for `t > 0`.
    var homogeneity: Double?
    /// `f(u + s) = f(u) + s`: the identity.
    var linear = false
    /// `f(u + s) = e^s * f(u)`.
    var exponential = false
    /// `f(t*u) = f(u) + log(t)`.
    var logarithmic = false
    /// The smallest period among pi and 2 pi, if any, and whether `f(u + period/2) = -f(u)`.
    var period: Double?
    var antiperiodic = false
    /// `f` takes one value everywhere (the library's `0`).
    var constant = false

    /// The shape of `definition` (a function of `x`), undefined wherever it is not finite or a `domain`
    /// condition fails. The derivative is only asked where the value is defined.
    init(definition: Expr, domain: [DomainCondition] = []) throws(FittingError) {
        let inDomain: (@Sendable (Double) -> Bool)?
        do { inDomain = try Self.domainTest(domain) } catch {
            throw .invalidData("the domain \(domain) of \(definition) is not a condition on x alone")
        }
        let f: @Sendable (Double) -> Double, df: @Sendable (Double) -> Double
        if let native = NativeFunction(definition) {
            (f, df) = (native.value, native.derivative)
        } else {
            let compiled: @Sendable (Double) throws(EvaluationError) -> Double
            let derivativeCompiled: @Sendable (Double) throws(EvaluationError) -> Double
            do {
                compiled = try definition.compiledFunction(of: "x")
                derivativeCompiled = try definition.derivative(with: "x").simplified().compiledFunction(of: "x")
            } catch {
                throw .invalidData("the definition \(definition) is not a function of x alone")
            }
            // An evaluation error (outside the real domain) becomes NaN, which `value` turns into nil.
            f = { u in (try? compiled(u)) ?? .nan }
            df = { u in (try? derivativeCompiled(u)) ?? .nan }
        }
        if let inDomain {
            value = { u in
                guard inDomain(u) else { return nil }
                let v = f(u)
                return v.isFinite ? v : nil
            }
        } else {
            value = { u in
                let v = f(u)
                return v.isFinite ? v : nil
            }
        }
        derivative = { u in
            let v = df(u)
            return v.isFinite ? v : nil
        }
        detect()
    }

    /// Whether `u` meets every condition, or nil when there are none; conditions on `x` itself compare directly
    /// (the fitter asks this for every residual, so each condition is one closure and one comparison).
    private static func domainTest(_ domain: [DomainCondition]) throws(EvaluationError) -> (@Sendable (Double) -> Bool)? {
        var tests: [@Sendable (Double) -> Bool] = []
        for condition in domain {
            if condition.lhs == .variable("x") {
                tests.append { u in condition.holds(forValue: u) }
            } else if let native = NativeFunction(condition.lhs) {
                let lhs = native.value
                tests.append { u in condition.holds(forValue: lhs(u)) }
            } else {
                let lhs = try condition.lhs.compiledFunction(of: "x")
                tests.append { u in (try? lhs(u)).map(condition.holds(forValue:)) ?? false }
            }
        }
        switch tests.count {
        case 0: return nil
        case 1: return tests[0]
        default:
            let all = tests
            return { u in all.allSatisfy { $0(u) } }
        }
    }

    private mutating func detect() {
        let points = [0.37, -0.71, 1.13, -1.49, 2.3, -0.53, 0.89]
        func same(_ a: Double?, _ b: Double?) -> Bool {
            guard let a, let b else { return false }
            return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        }
        // A symmetry holds where both sides are defined and agree; a point where only one side is defined means
        // the domain itself breaks the symmetry (a user's entry narrowed to x >= -1 is not even), so it fails.
        func holds(_ relation: (Double) -> (Double?, Double?)) -> Bool {
            var checked = 0
            for u in points {
                let (lhs, rhs) = relation(u)
                if lhs == nil && rhs == nil { continue }
                if lhs == nil || rhs == nil { return false }
                if !same(lhs, rhs) { return false }
                checked += 1
            }
            return checked >= 3
        }
        let f = value
        constant = holds { u in (f(u), f(0.9)) } && holds { u in (f(-u), f(0.9)) }
        if constant { return }
        if holds({ u in (f(-u), f(u)) }) {
            parity = .even
        } else if let k = f(0.41).flatMap({ a in f(-0.41).map { a + $0 } }),
                  // Where neither f(u) nor f(-u) is defined (asin at 2.3) there is nothing to compare.
                  holds({ u in (f(-u).flatMap { a in f(u).map { a + $0 } }, f(u) == nil && f(-u) == nil ? nil : k) }) {
            parity = .odd(abs(k) < 1e-12 ? 0 : k)
        }
        linear = holds { u in (f(u + 0.3), f(u).map { $0 + 0.3 }) }
        exponential = holds { u in (f(u + 0.3), f(u).map { $0 * Foundation.exp(0.3) }) }
        logarithmic = holds { u in (f(1.7 * u), f(u).map { $0 + Foundation.log(1.7) }) }
        if let ratio = f(1.4 * 0.71).flatMap({ a in f(0.71).map { a / $0 } }), ratio > 0 {
            let p = Foundation.log(ratio) / Foundation.log(1.4)
            if holds({ u in (f(1.4 * u), f(u).map { $0 * Foundation.pow(1.4, p) }) }) { homogeneity = p }
        }
        for candidate in [Double.pi, 2 * Double.pi] where period == nil {
            if holds({ u in (f(u + candidate), f(u)) }) {
                period = candidate
                antiperiodic = holds { u in (f(u + candidate / 2), f(u).map { -$0 }) }
            }
        }
    }

    /// The simplest constants equivalent to `(a, b, c, d)` for this function.
    func canonical(_ constants: AffineConstants) -> AffineConstants {
        var (a, b, c, d) = (constants.a, constants.b, constants.c, constants.d)
        if constant { return AffineConstants(a: 1, b: 0, c: 0, d: d + c * (value(0) ?? 0)) }
        if linear {
            return AffineConstants(a: 1, b: 0, c: c * a, d: d + c * b)
        }
        if exponential { c *= Foundation.exp(b); b = 0 }
        if logarithmic, a != 0 {
            d += c * Foundation.log(abs(a))
            b /= abs(a)
            a = a > 0 ? 1 : -1
        }
        if let p = homogeneity, a != 0, !exponential {
            c *= Foundation.pow(abs(a), p)
            b /= abs(a)
            a = a > 0 ? 1 : -1
        }
        if a < 0 {
            switch parity {
            case .even: (a, b) = (-a, -b)
            case .odd(let k): (a, b, c, d) = (-a, -b, -c, d + c * k)
            case .neither: break
            }
        }
        if let period {
            if antiperiodic, c < 0 { c = -c; b += period / 2 }
            b = b - period * (b / period).rounded()
            if b <= -period / 2 { b += period }
        }
        return AffineConstants(a: a, b: b, c: c, d: d)
    }
}
