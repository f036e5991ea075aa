import Symbolic

/// A KAN edge fixed to a library function: `c * f(a*x + b) + d` instead of its spline (pykan's
/// `Symbolic_KANLayer`). It holds the function and its compiled value and derivative, made once; the constants
/// stay trainable, so `fit` refines them end to end. Text exists only in its checkpoint form.
public struct SymbolicEdge: Sendable {
    public let function: LibraryFunction
    public var constants: AffineConstants
    /// `f` and `f'`, compiled from the definition.
    let value: @Sendable (Double) throws(EvaluationError) -> Double
    let derivative: @Sendable (Double) throws(EvaluationError) -> Double

    /// Fixes an edge to `function`; throws when its definition is not a function of `x` alone.
    public init(function: LibraryFunction, constants: AffineConstants) throws(EvaluationError) {
        self.function = function
        self.constants = constants
        value = try function.definition.compiledFunction(of: "x")
        derivative = try function.definition.derivative(with: "x").simplified().compiledFunction(of: "x")
    }

    /// The library name, e.g. `sin`.
    public var name: String { function.name }
    /// `f` in terms of `x`.
    public var definition: Expr { function.definition }

    /// The edge as an expression of `argument`: `c * f(a*argument + b) + d`.
    public func expression(of argument: Expr) -> Expr { constants.applied(function, to: argument) }

    /// The edge's value at `x` (NaN outside the function's domain).
    public func callAsFunction(_ x: Double) -> Double {
        constants.c * ((try? value(constants.a * x + constants.b)) ?? .nan) + constants.d
    }
}

extension SymbolicEdge: Equatable {
    public static func == (lhs: SymbolicEdge, rhs: SymbolicEdge) -> Bool {
        lhs.function == rhs.function && lhs.constants == rhs.constants
    }
}

extension SymbolicEdge: Codable {
    /// The checkpoint form: the library entry as text (name, definition, complexity, domain and spellings; older
    /// checkpoints have no domain or spellings), then the constants.
    private enum CodingKeys: String, CodingKey { case name, definition, complexity, domain, latex, swift, constants }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let text = try container.decode(String.self, forKey: .definition)
        let definition: Expr, domain: [DomainCondition]
        do {
            definition = try Expr(parsing: text)
            domain = try (container.decodeIfPresent([String].self, forKey: .domain) ?? []).map { text throws in
                try DomainCondition(parsing: text)
            }
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .definition, in: container,
                                                   debugDescription: "symbolic edge \(name): '\(text)' does not parse (\(error))")
        }
        let function = LibraryFunction(
            name: name, definition: definition, complexity: try container.decode(Int.self, forKey: .complexity), domain: domain,
            latex: try container.decodeIfPresent(String.self, forKey: .latex) ?? LaTeXPrinter().print(definition),
            swift: try container.decodeIfPresent(String.self, forKey: .swift) ?? SwiftCodePrinter().print(definition))
        do {
            try self.init(function: function, constants: try container.decode(AffineConstants.self, forKey: .constants))
        } catch let error as EvaluationError {
            throw DecodingError.dataCorruptedError(forKey: .definition, in: container,
                                                   debugDescription: "symbolic edge \(name): '\(text)' is not a function of x alone (\(error))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(function.name, forKey: .name)
        try container.encode(PlainTextPrinter().print(function.definition), forKey: .definition)
        try container.encode(function.complexity, forKey: .complexity)
        try container.encode(function.domain.map(\.description), forKey: .domain)
        try container.encode(function.latex, forKey: .latex)
        try container.encode(function.swift, forKey: .swift)
        try container.encode(constants, forKey: .constants)
    }
}

/// The compiled value and derivative of every symbolic edge of a layer, for the forward and backward passes.
final class SymbolicKernel {
    /// One fixed edge: where it sits and its compiled `f` and `f'`.
    struct Edge {
        let index: Int
        let input: Int
        let output: Int
        let value: @Sendable (Double) throws(EvaluationError) -> Double
        let derivative: @Sendable (Double) throws(EvaluationError) -> Double
    }

    let edges: [Edge]
    /// The definition of every edge (nil for splines): what the compiled closures depend on.
    let definitions: [Expr?]

    init(_ layer: KANLayer) {
        definitions = layer.symbolic.map { $0?.definition }
        edges = layer.symbolic.enumerated().compactMap { index, edge in
            edge.map { Edge(index: index, input: index / layer.outputs, output: index % layer.outputs, value: $0.value, derivative: $0.derivative) }
        }
    }
}
