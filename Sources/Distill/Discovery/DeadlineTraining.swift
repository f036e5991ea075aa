import Datasets
import Fitting
import Foundation
import KAN
import Optimization
import Symbolic

/// KAN's training and Distill's `autoSymbolic` as discovery runs them, with the deadline checked at every
/// evaluation of the objective and before every edge's fit: `KANModel.fit` and `autoSymbolic` cannot be stopped from
/// outside, and on a wide table one call of either outlasts any time limit (a `[500, 1001, 1]` network on 100 rows
/// spends minutes in `fit`). Both give the same results as the library's when the deadline does not pass.
extension KANModel {
    /// `fit(dataset, options:)` on the whole training set with LBFGS (the only way discovery trains), checking
    /// `deadline` at each evaluation of the objective: past it the LBFGS step is cut short (the objective answers
    /// NaN with a zero gradient, which ends the step within its bounded line search), the model is left as it was
    /// before the step (and its grid update), and `Deadline.Passed` is thrown. From the second step on, when the
    /// steps left would need, at the speed measured so far, more than `givingUp` times the time left, the training
    /// gives up at once (`Skipped`): it could not end in time, and its thread is better spent on another trial.
    /// Other optimisers and mini-batches train with `fit`.
    mutating func fit(_ dataset: Dataset, options: FitOptions, deadline: Deadline) throws {
        guard options.optimizer == .lbfgs, options.batch <= 0 || options.batch >= dataset.trainInputs.rows else {
            try deadline.check()
            try fit(dataset, options: options)
            return
        }
        let inputs = dataset.trainInputs, targets = dataset.trainLabels
        let regularization = options.regularization
        let evaluator = GradientEvaluator(self)
        var lbfgs = LBFGS(learningRate: options.learningRate)
        let gridUpdateFrequency = max(1, options.stopGridUpdateStep / max(1, options.gridUpdateNum))
        let clock = ContinuousClock(), start = clock.now
        for step in 0..<options.steps {
            try deadline.check()
            let beforeStep = self
            if options.updateGrid, step % gridUpdateFrequency == 0, step < options.stopGridUpdateStep,
               step >= options.startGridUpdateStep {
                try updateGrid(from: inputs)
            }
            let lastFinite = self
            var parameters = parameterVector()
            var model = self
            var stopped = false
            var failure: KANError?
            func objective(_ vector: [Double]) -> (value: Double, gradient: [Double]) {
                if stopped || deadline.hasPassed {
                    stopped = true
                    return (.nan, [Double](repeating: 0, count: vector.count))
                }
                model.setParameterVector(vector)
                do {
                    let result = try evaluator.lossAndGradient(model, inputs: inputs, targets: targets, loss: options.loss,
                                                               regularization: regularization)
                    return (result.loss + regularization.lamb * result.regularization, result.gradient)
                } catch {
                    failure = error
                    stopped = true
                    return (.nan, [Double](repeating: 0, count: vector.count))
                }
            }
            _ = lbfgs.step(&parameters, objective: objective)
            if let failure { throw failure }
            if stopped {
                self = beforeStep
                throw Deadline.Passed()
            }
            setParameterVector(parameters)
            // As `fit`: a step that leaves the loss or the parameters non-finite is undone and reported.
            let trainLoss = try loss(inputs: inputs, targets: targets, loss: options.loss)
            let regularizer = regularization.lamb > 0 ? try self.regularization(inputs: inputs, regularization) : 0
            guard (trainLoss + regularization.lamb * regularizer).isFinite, parameters.allSatisfy({ $0.isFinite }) else {
                self = lastFinite
                throw KANError.nonFiniteLoss(step: step)
            }
            let done = step + 1, elapsed = start.duration(to: clock.now).inSeconds
            let needed = elapsed / Double(done) * Double(options.steps - done), left = deadline.remaining
            if done >= 2, needed > Self.givingUp * left {
                throw Skipped(reason: "training \(configuration.widthDescription) would need about \(Int(needed.rounded(.up))) s more (\(String(format: "%.2g", elapsed / Double(done))) s a step), more than the \(String(format: "%.1f", left)) s left")
            }
        }
    }

    /// How many times the time left the rest of a training may be projected to need before it gives up: the
    /// projection, from the steps so far, is good to a few tens of percent (each LBFGS step runs its 20 iterations).
    static let givingUp = 1.5

    /// `autoSymbolic(library:samples:weightSimple:)` (r2 threshold 0), with `deadline` checked before each edge's
    /// fits: every live spline edge fixed to its best-scoring library function, pruned edges to `0`. The activations
    /// are computed once; the edges are fitted concurrently, each thread checking the deadline before each edge, so
    /// a deadline that passes stops the work within one edge's fits (16 functions on at most 1500 points). Throws
    /// `Deadline.Passed` past the deadline, the model unchanged.
    mutating func autoSymbolic(library: FunctionLibrary, samples: Matrix, weightSimple: Double, deadline: Deadline) throws {
        try deadline.check()
        let fittable = FittableLibrary(library)
        let zero = library.functions.first { $0.name == "0" }
            ?? LibraryFunction(name: "0", definition: 0, complexity: 0, domain: [], latex: "0", swift: "0.0")
        let open = edges.filter { symbolic($0) == nil }
        let live = open.filter(isSpline)
        let activations = live.isEmpty ? [] : try activations(samples)
        var results = [Result<AffineFit, Error>?](repeating: nil, count: live.count)
        let stopped = ManagedFlag()
        let layers = self.layers
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            WorkerPool.tasks(live.count) { index in
                guard !stopped.isSet else { return }
                if deadline.hasPassed {
                    stopped.set()
                    return
                }
                let edge = live[index]
                let xs = activations[edge.layer].column(edge.input)
                let ys = layers[edge.layer].edge(input: edge.input, output: edge.output, at: xs)
                slots[index] = Result { try Self.bestFit(for: edge, x: xs, y: ys, library: fittable, weightSimple: weightSimple) }
            }
        }
        if stopped.isSet { throw Deadline.Passed() }
        var fits: [EdgeID: AffineFit] = [:]
        for (edge, result) in zip(live, results) { fits[edge] = try result!.get() }
        var fixed = self
        for edge in open {
            if let best = fits[edge] {
                if best.r2 >= 0 { try fixed.fixSymbolic(edge, function: best.function, constants: best.constants) }
            } else {
                try fixed.fixSymbolic(edge, function: zero, constants: AffineConstants(a: 1, b: 0, c: 0, d: 0))
            }
        }
        self = fixed
    }

    /// The best-scoring fit of the curve `(x, y)` among `library`'s functions, as `autoSymbolic` chooses it: fitted
    /// simplest first, a function skipped when even a perfect fit could not beat the best score so far, ties kept
    /// in the library's order.
    private static func bestFit(for edge: EdgeID, x: [Double], y: [Double], library: FittableLibrary,
                                weightSimple: Double) throws -> AffineFit {
        var best: (index: Int, suggestion: SymbolicSuggestion)?
        var reasons = library.unfittable.map { "\($0.name): \($0.reason)" }
        let order = library.functions.indices.sorted { library.functions[$0].function.complexity < library.functions[$1].function.complexity }
        for index in order {
            let function = library.functions[index]
            if let best, SymbolicSuggestion.bestPossibleScore(complexity: function.function.complexity, weightSimple: weightSimple) > best.suggestion.score {
                continue
            }
            do {
                let suggestion = SymbolicSuggestion(fit: try AffineFitter().fit(function, x: x, y: y), weightSimple: weightSimple)
                if best.map({ (suggestion.score, index) < ($0.suggestion.score, $0.index) }) ?? true { best = (index, suggestion) }
            } catch {
                reasons.append("\(function.function.name): \(error)")
            }
        }
        guard let best else { throw DistillationError.noFit(edge, reason: reasons.joined(separator: "; ")) }
        return best.suggestion.fit
    }
}

/// A flag set once by any thread.
private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
