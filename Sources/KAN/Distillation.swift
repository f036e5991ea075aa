import Fitting
import Foundation
import Symbolic

/// One ranked candidate for an edge (pykan's `suggest_symbolic` table row).
public struct SymbolicSuggestion: Sendable {
    public let fit: AffineFit
    /// pykan's score, `weight_simple * complexity + (1 - weight_simple) * log2(1 + 1e-5 - r2)`; lower is better.
    public let score: Double
}

extension SymbolicSuggestion {
    /// pykan's `suggest_symbolic` table: one row per candidate, best first.
    public static func table(_ suggestions: [SymbolicSuggestion]) -> String {
        var rows = [["function", "r2", "complexity", "score", "a", "b", "c", "d"]]
        for suggestion in suggestions {
            let fit = suggestion.fit, k = fit.constants
            rows.append([fit.function, String(format: "%.8f", fit.r2), "\(fit.complexity)", String(format: "%.4f", suggestion.score)]
                        + [k.a, k.b, k.c, k.d].map { String(format: "%.6g", $0) })
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// Why an edge could not be fixed or a formula composed.
public enum DistillationError: Error, Sendable, CustomStringConvertible {
    case edgeOutOfRange(layer: Int, input: Int, output: Int)
    case notSymbolic(layer: Int, input: Int, output: Int)
    case noFit(layer: Int, input: Int, output: Int, reason: String)
    case invalidSamples(String)
    case unparsableDefinition(layer: Int, input: Int, output: Int, definition: String)

    public var description: String {
        switch self {
        case .edgeOutOfRange(let l, let i, let o): return "there is no edge (\(l),\(i),\(o))"
        case .notSymbolic(let l, let i, let o):
            return "edge (\(l),\(i),\(o)) is still a spline: fix it (autoSymbolic or fixSymbolic) before composing a formula"
        case .noFit(let l, let i, let o, let reason): return "edge (\(l),\(i),\(o)): no library function fits (\(reason))"
        case .invalidSamples(let reason): return "samples for fitting edges: \(reason)"
        case .unparsableDefinition(let l, let i, let o, let definition):
            return "edge (\(l),\(i),\(o)): its definition '\(definition)' does not parse"
        }
    }
}

extension KANModel {
    /// pykan's edge ranking: every library function fitted to edge `(layer, input, output)` on `samples` (the
    /// training inputs), best first by the score that trades r2 against complexity.
    public func suggestSymbolic(layer: Int, input: Int, output: Int, library: FunctionLibrary, samples: Matrix,
                                weightSimple: Double = 0.8, topK: Int = 5) throws(DistillationError) -> [SymbolicSuggestion] {
        guard layers.indices.contains(layer), input < layers[layer].inputs, output < layers[layer].outputs else {
            throw .edgeOutOfRange(layer: layer, input: input, output: output)
        }
        let (xs, ys) = try edgeSamples(layer: layer, input: input, output: output, samples: samples)
        var suggestions: [SymbolicSuggestion] = []
        var reasons: [String] = []
        for function in library.functions {
            do {
                let fit = try AffineFitter().fit(function, x: xs, y: ys)
                let score = weightSimple * Double(function.complexity) + (1 - weightSimple) * Foundation.log2(1 + 1e-5 - min(fit.r2, 1))
                suggestions.append(SymbolicSuggestion(fit: fit, score: score))
            } catch {
                reasons.append("\(function.name): \(error)")
            }
        }
        guard !suggestions.isEmpty else {
            throw .noFit(layer: layer, input: input, output: output, reason: reasons.joined(separator: "; "))
        }
        return Array(suggestions.sorted { $0.score < $1.score }.prefix(topK))
    }

    /// The inputs edge `(layer, input, output)` sees on `samples` (the model's inputs) and its values there.
    private func edgeSamples(layer: Int, input: Int, output: Int, samples: Matrix) throws(DistillationError) -> ([Double], [Double]) {
        let xs: [Double]
        do { xs = try activations(samples)[layer].column(input) } catch { throw .invalidSamples(error.description) }
        return (xs, layers[layer].edge(input: input, output: output, at: xs))
    }

    /// pykan's `fix_symbolic(l, i, j, name)`: fits the library function `name` to edge `(layer, input, output)`
    /// on `samples` (the training inputs) and fixes the edge to it; returns the fit, whose r2 pykan prints.
    @discardableResult
    public mutating func fixSymbolic(layer: Int, input: Int, output: Int, name: String, library: FunctionLibrary,
                                     samples: Matrix) throws(DistillationError) -> AffineFit {
        guard layers.indices.contains(layer), input < layers[layer].inputs, output < layers[layer].outputs else {
            throw .edgeOutOfRange(layer: layer, input: input, output: output)
        }
        let function: LibraryFunction
        do { function = try library.function(named: name) } catch { throw .invalidSamples(error.description) }
        let (xs, ys) = try edgeSamples(layer: layer, input: input, output: output, samples: samples)
        let fit: AffineFit
        do { fit = try AffineFitter().fit(function, x: xs, y: ys) } catch {
            throw .noFit(layer: layer, input: input, output: output, reason: "\(name): \(error)")
        }
        try fixSymbolic(layer: layer, input: input, output: output, function: function, constants: fit.constants)
        return fit
    }

    /// Fixes edge `(layer, input, output)` to `function` with the given constants (pykan's `fix_symbolic` with
    /// `fit_params_bool=False`).
    public mutating func fixSymbolic(layer: Int, input: Int, output: Int, function: LibraryFunction,
                                     constants: AffineConstants) throws(DistillationError) {
        guard layers.indices.contains(layer), input < layers[layer].inputs, output < layers[layer].outputs else {
            throw .edgeOutOfRange(layer: layer, input: input, output: output)
        }
        let edge = input * layers[layer].outputs + output
        layers[layer].symbolic[edge] = SymbolicEdge(function: function, constants: constants)
        layers[layer].mask[edge] = 0
    }

    /// Returns edge `(layer, input, output)` to its spline.
    public mutating func unfixSymbolic(layer: Int, input: Int, output: Int) throws(DistillationError) {
        guard layers.indices.contains(layer), input < layers[layer].inputs, output < layers[layer].outputs else {
            throw .edgeOutOfRange(layer: layer, input: input, output: output)
        }
        let edge = input * layers[layer].outputs + output
        layers[layer].symbolic[edge] = nil
        layers[layer].mask[edge] = 1
    }

    /// pykan's `auto_symbolic`: every spline edge is fixed to its best-scoring library function when that fit's
    /// r2 reaches `r2Threshold`; pruned edges are fixed to `0`. `report` receives one line per edge, as pykan
    /// prints them: `fixing (0,2,0) with sin, r2=0.99999, c=2`.
    @discardableResult
    public mutating func autoSymbolic(library: FunctionLibrary, samples: Matrix, weightSimple: Double = 0.8,
                                      r2Threshold: Double = 0, report: (String) -> Void = { _ in }) throws(DistillationError) -> [String] {
        var lines: [String] = []
        let zero = library.functions.first { $0.name == "0" }
            ?? LibraryFunction(name: "0", definition: 0, complexity: 0, domain: [], latex: "0", swift: "0.0")
        for l in layers.indices {
            for i in 0..<layers[l].inputs {
                for o in 0..<layers[l].outputs {
                    let edge = i * layers[l].outputs + o
                    if layers[l].symbolic[edge] != nil { continue }
                    let line: String
                    if layers[l].mask[edge] == 0 {
                        try fixSymbolic(layer: l, input: i, output: o, function: zero, constants: AffineConstants(a: 1, b: 0, c: 0, d: 0))
                        line = "fixing (\(l),\(i),\(o)) with 0"
                    } else {
                        let best = try suggestSymbolic(layer: l, input: i, output: o, library: library, samples: samples,
                                                       weightSimple: weightSimple, topK: 1)[0]
                        guard best.fit.r2 >= r2Threshold else {
                            line = "keeping (\(l),\(i),\(o)) as a spline: best \(best.fit.function) has r2=\(best.fit.r2) < \(r2Threshold)"
                            lines.append(line)
                            report(line)
                            continue
                        }
                        let function = try! library.function(named: best.fit.function)
                        try fixSymbolic(layer: l, input: i, output: o, function: function, constants: best.fit.constants)
                        line = "fixing (\(l),\(i),\(o)) with \(best.fit.function), r2=\(best.fit.r2), c=\(best.fit.complexity)"
                    }
                    lines.append(line)
                    report(line)
                }
            }
        }
        return lines
    }

    /// The live edges that are still splines (not fixed to a library function and not pruned), as
    /// `(layer, input, output)`, in order.
    public var splineEdges: [(layer: Int, input: Int, output: Int)] {
        layers.indices.flatMap { l in
            (0..<layers[l].inputs).flatMap { i in
                (0..<layers[l].outputs).compactMap { o in
                    let edge = i * layers[l].outputs + o
                    return layers[l].symbolic[edge] == nil && layers[l].mask[edge] != 0 ? (l, i, o) : nil
                }
            }
        }
    }

    /// pykan's `symbolic_formula`: every output as an expression of the inputs, composed layer by layer with
    /// node scales and biases. Every live edge must be symbolic.
    public func symbolicFormula(variables: [String]) throws(DistillationError) -> [Expr] {
        guard variables.count == inputCount else {
            throw .invalidSamples("\(variables.count) variable names for \(inputCount) inputs")
        }
        var nodes = variables.map { Expr.variable($0) }
        for (l, layer) in layers.enumerated() {
            var next: [Expr] = []
            for o in 0..<layer.outputs {
                var terms: [Expr] = []
                for i in 0..<layer.inputs {
                    let edge = i * layer.outputs + o
                    if let symbolic = layer.symbolic[edge] {
                        guard let term = try? symbolic.expression(of: nodes[i]) else {
                            throw .unparsableDefinition(layer: l, input: i, output: o, definition: symbolic.definition)
                        }
                        terms.append(term)
                    } else if layer.mask[edge] != 0 {
                        throw .notSymbolic(layer: l, input: i, output: o)
                    }
                }
                let sum = Expr.sum(terms)
                next.append(.constant(layer.nodeScale[o]) * (.constant(layer.subnodeScale[o]) * sum + .constant(layer.subnodeBias[o]))
                            + .constant(layer.nodeBias[o]))
            }
            nodes = next
        }
        return nodes
    }
}
