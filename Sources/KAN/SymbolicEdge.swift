import Fitting
import Symbolic

/// A KAN edge fixed to a library function: `c * f(a*x + b) + d` instead of its spline (pykan's
/// `Symbolic_KANLayer`). The constants stay trainable, so `fit` refines them end to end.
public struct SymbolicEdge: Codable, Sendable, Equatable {
    /// The library name, e.g. `sin`.
    public var name: String
    /// The definition in terms of `x`, in the parser's syntax.
    public var definition: String
    public var complexity: Int
    public var constants: AffineConstants

    public init(function: LibraryFunction, constants: AffineConstants) {
        name = function.name
        definition = PlainTextPrinter().print(function.definition)
        complexity = function.complexity
        self.constants = constants
    }

    /// The edge as an expression of `argument`: `c * f(a*argument + b) + d`.
    public func expression(of argument: Expr) throws(KANError) -> Expr {
        let parsed: Expr
        do { parsed = try Expr(parsing: definition) } catch {
            throw .invalidCheckpoint(file: "symbolic edge \(name)", reason: "definition '\(definition)' does not parse: \(error)")
        }
        let k = constants
        let inner = Expr.constant(k.a) * argument + .constant(k.b)
        return .constant(k.c) * parsed.substituting(["x": inner]) + .constant(k.d)
    }
}

/// The compiled value and derivative of every symbolic edge of a layer, for the forward and backward passes.
final class SymbolicKernel {
    struct Edge {
        let index: Int
        let input: Int
        let output: Int
        let value: @Sendable (Double) throws(EvaluationError) -> Double
        let derivative: @Sendable (Double) throws(EvaluationError) -> Double
    }

    let edges: [Edge]
    /// The definition of every edge (nil for splines): what the compiled closures depend on.
    let definitions: [String?]

    init(_ layer: KANLayer) {
        definitions = layer.symbolic.map { $0?.definition }
        var compiled: [String: (@Sendable (Double) throws(EvaluationError) -> Double, @Sendable (Double) throws(EvaluationError) -> Double)] = [:]
        var edges: [Edge] = []
        for (index, edge) in layer.symbolic.enumerated() {
            guard let edge else { continue }
            if compiled[edge.definition] == nil {
                let nan: @Sendable (Double) throws(EvaluationError) -> Double = { _ throws(EvaluationError) in .nan }
                if let expression = try? Expr(parsing: edge.definition),
                   let value = try? expression.compiledFunction(of: "x"),
                   let derivative = try? expression.derivative(with: "x").simplified().compiledFunction(of: "x") {
                    compiled[edge.definition] = (value, derivative)
                } else {
                    compiled[edge.definition] = (nan, nan)
                }
            }
            let (value, derivative) = compiled[edge.definition]!
            edges.append(Edge(index: index, input: index / layer.outputs, output: index % layer.outputs, value: value, derivative: derivative))
        }
        self.edges = edges
    }
}
