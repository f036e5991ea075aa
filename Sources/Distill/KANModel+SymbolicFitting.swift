import Fitting
import KAN
import Optimization
import Symbolic

extension KANModel {
    /// pykan's `suggest_symbolic`: every library function fitted to `edge` on `samples` (the training inputs),
    /// best first by the score that trades r2 against complexity.
    public func suggestSymbolic(_ edge: EdgeID, library: FunctionLibrary, samples: Matrix, weightSimple: Double = 0.8,
                                topK: Int = 5) throws(DistillationError) -> [SymbolicSuggestion] {
        let curve = try edgeCurves(samples: samples, edges: [edge])[0]
        return try Self.suggestions(for: edge, curve: curve, library: FittableLibrary(library), weightSimple: weightSimple, topK: topK)
    }

    /// pykan's `fix_symbolic(l, i, j, name)`: fits the library function `name` to `edge` on `samples` (the
    /// training inputs) and fixes the edge to it; returns the fit, whose r2 pykan prints.
    @discardableResult
    public mutating func fixSymbolic(_ edge: EdgeID, name: String, library: FunctionLibrary,
                                     samples: Matrix) throws(DistillationError) -> AffineFit {
        let function: LibraryFunction
        do { function = try library.function(named: name) } catch { throw .unknownFunction(name: name, reason: error.description) }
        let curve = try edgeCurves(samples: samples, edges: [edge])[0]
        let fit: AffineFit
        do { fit = try AffineFitter().fit(function, x: curve.x, y: curve.y) } catch {
            throw .noFit(edge, reason: "\(name): \(error)")
        }
        do throws(KANError) { try fixSymbolic(edge, function: function, constants: fit.constants) } catch { throw .model(error) }
        return fit
    }

    /// pykan's `auto_symbolic`: every spline edge is fixed to its best-scoring library function when that fit's
    /// r2 reaches `r2Threshold`; pruned edges are fixed to `0`. The library is prepared and the activations
    /// computed once for all edges. `report` receives one line per edge, as pykan prints them:
    /// `fixing (0,2,0) with sin, r2=0.99999, c=2`.
    @discardableResult
    public mutating func autoSymbolic(library: FunctionLibrary, samples: Matrix, weightSimple: Double = 0.8,
                                      r2Threshold: Double = 0, report: (String) -> Void = { _ in }) throws(DistillationError) -> [String] {
        let fittable = FittableLibrary(library)
        let zero = library.functions.first { $0.name == "0" }
            ?? LibraryFunction(name: "0", definition: 0, complexity: 0, domain: [], latex: "0", swift: "0.0")
        let open = edges.filter { symbolic($0) == nil }
        let live = open.filter(isSpline)
        let curves = Dictionary(uniqueKeysWithValues: zip(live, try edgeCurves(samples: samples, edges: live)))
        var lines: [String] = []
        for edge in open {
            let line: String
            if let curve = curves[edge] {
                let best = try Self.suggestions(for: edge, curve: curve, library: fittable, weightSimple: weightSimple, topK: 1)[0].fit
                if best.r2 >= r2Threshold {
                    do throws(KANError) { try fixSymbolic(edge, function: best.function, constants: best.constants) } catch { throw .model(error) }
                    line = "fixing \(edge) with \(best.function.name), r2=\(best.r2), c=\(best.function.complexity)"
                } else {
                    line = "keeping \(edge) as a spline: best \(best.function.name) has r2=\(best.r2) < \(r2Threshold)"
                }
            } else {
                do throws(KANError) { try fixSymbolic(edge, function: zero, constants: AffineConstants(a: 1, b: 0, c: 0, d: 0)) } catch { throw .model(error) }
                line = "fixing \(edge) with 0"
            }
            lines.append(line)
            report(line)
        }
        return lines
    }

    /// The inputs each of `edges` sees on `samples` (the model's inputs) and its values there, from one forward pass.
    private func edgeCurves(samples: Matrix, edges: [EdgeID]) throws(DistillationError) -> [(x: [Double], y: [Double])] {
        for edge in edges { do throws(KANError) { try check(edge) } catch { throw .model(error) } }
        guard !edges.isEmpty else { return [] }
        let activations: [Matrix]
        do throws(KANError) { activations = try self.activations(samples) } catch { throw .model(error) }
        return edges.map { edge in
            let xs = activations[edge.layer].column(edge.input)
            return (xs, layers[edge.layer].edge(input: edge.input, output: edge.output, at: xs))
        }
    }

    /// Every function of `library` fitted to `curve`, best `topK` first.
    private static func suggestions(for edge: EdgeID, curve: (x: [Double], y: [Double]), library: FittableLibrary,
                                    weightSimple: Double, topK: Int) throws(DistillationError) -> [SymbolicSuggestion] {
        var suggestions: [SymbolicSuggestion] = []
        var reasons = library.unfittable.map { "\($0.name): \($0.reason)" }
        for function in library.functions {
            do {
                suggestions.append(SymbolicSuggestion(fit: try AffineFitter().fit(function, x: curve.x, y: curve.y), weightSimple: weightSimple))
            } catch {
                reasons.append("\(function.function.name): \(error)")
            }
        }
        guard !suggestions.isEmpty else { throw .noFit(edge, reason: reasons.joined(separator: "; ")) }
        return Array(suggestions.sorted { $0.score < $1.score }.prefix(topK))
    }
}
