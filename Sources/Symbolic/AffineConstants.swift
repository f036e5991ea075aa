/// The constants of `c * f(a*x + b) + d`: how a library function `f` is fitted to a curve, and what a KAN edge
/// fixed to `f` computes.
public struct AffineConstants: Sendable, Equatable, Codable {
    public var a: Double
    public var b: Double
    public var c: Double
    public var d: Double

    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// `c * f(a*x + b) + d` as an expression of `argument`, where `f` is `function`'s definition.
    public func applied(_ function: LibraryFunction, to argument: Expr) -> Expr {
        .constant(c) * function.applied(to: .constant(a) * argument + .constant(b)) + .constant(d)
    }
}
