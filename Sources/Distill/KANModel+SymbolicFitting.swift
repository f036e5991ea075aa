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
        let curves = try edgeCurves(samples: samples, edges: live)
        let bests = try Self.bestFits(for: live, curves: curves, library: fittable, weightSimple: weightSimple)
        var lines: [String] = []
        for edge in open {
            let line: String
            if let best = bests[edge] {
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

    /// The best-scoring fit of every edge, the edges fitted concurrently (each edge's result does not depend on
    /// which thread fits it).
    private static func bestFits(for edges: [EdgeID], curves: [(x: [Double], y: [Double])], library: FittableLibrary,
                                 weightSimple: Double) throws(DistillationError) -> [EdgeID: AffineFit] {
        var results = [Result<AffineFit, DistillationError>?](repeating: nil, count: edges.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            WorkerPool.tasks(edges.count) { index in
                slots[index] = Result { () throws(DistillationError) in
                    try suggestions(for: edges[index], curve: curves[index], library: library, weightSimple: weightSimple, topK: 1)[0].fit
                }
            }
        }
        var fits: [EdgeID: AffineFit] = [:]
        for (edge, result) in zip(edges, results) { fits[edge] = try result!.get() }
        return fits
    }

    /// The `topK` best functions of `library` for `curve`, by score. Functions are fitted simplest first; one whose
    /// best possible score (at r2 = 1) is worse than the `topK`-th score found so far is not fitted, as it could not
    /// enter the list. Ties keep the library's order.
    private static func suggestions(for edge: EdgeID, curve: (x: [Double], y: [Double]), library: FittableLibrary,
                                    weightSimple: Double, topK: Int) throws(DistillationError) -> [SymbolicSuggestion] {
        var found: [(index: Int, suggestion: SymbolicSuggestion)] = []
        var reasons = library.unfittable.map { "\($0.name): \($0.reason)" }
        let order = library.functions.indices.sorted { library.functions[$0].function.complexity < library.functions[$1].function.complexity }
        for index in order {
            let function = library.functions[index]
            let scores = found.map(\.suggestion.score).sorted()
            if topK > 0, scores.count >= topK,
               SymbolicSuggestion.bestPossibleScore(complexity: function.function.complexity, weightSimple: weightSimple) > scores[topK - 1] {
                continue
            }
            do {
                let fit = try AffineFitter().fit(function, x: curve.x, y: curve.y)
                found.append((index, SymbolicSuggestion(fit: fit, weightSimple: weightSimple)))
            } catch {
                reasons.append("\(function.function.name): \(error)")
            }
        }
        guard !found.isEmpty else { throw .noFit(edge, reason: reasons.joined(separator: "; ")) }
        let ranked = found.sorted { ($0.suggestion.score, $0.index) < ($1.suggestion.score, $1.index) }
        return ranked.prefix(topK).map(\.suggestion)
    }
}
