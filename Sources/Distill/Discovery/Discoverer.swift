import Datasets
import Fitting
import Foundation
import KAN
import Optimization
import Symbolic

/// Settings of an equation-discovery run.
public struct DiscoveryOptions: Sendable {
    /// Wall-clock budget in seconds: no trial starts after it, and running trials stop at it (every long path checks
    /// it), so a run returns within about a second of it whatever the data's width.
    public var timeLimit: Double
    public var seed: UInt64
    /// The functions edges may become.
    public var library: FunctionLibrary
    /// The trials, in order; nil for the default plan (`Discoverer.plan`).
    public var trials: [DiscoveryTrial]?
    /// Trials run concurrently on this many threads.
    public var threads: Int
    /// Parts of the search left out, to measure what each brings (an ablation).
    public var without: Set<DiscoveryIngredient> = []

    public init(timeLimit: Double = 60, seed: UInt64 = 0, library: FunctionLibrary, trials: [DiscoveryTrial]? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.library = library
        self.trials = trials
        self.threads = max(1, threads)
    }

    /// The default library of discovery: powers and roots, exp, log, the trigonometric functions and cosh.
    public static func defaultLibrary() throws -> FunctionLibrary {
        try FunctionLibrary.standard().subset(["0", "x", "x^2", "x^3", "1/x", "1/x^2", "sqrt", "1/sqrt(x)", "exp", "log",
                                               "sin", "cos", "tan", "tanh", "cosh", "arcsin", "gaussian"])
    }
}

/// What a discovery run found: the chosen formula, the Pareto front it was chosen from, and what was tried.
public struct DiscoveryResult: Sendable {
    public var chosen: DiscoveryCandidate?
    public var front: ParetoFront
    /// One line per trial: what it was and what came of it.
    public var tried: [String]
    public var variables: [String]
    public var seconds: Double
}

/// Equation discovery: data in, a law out. Independent trials (a power law in log space, KANs of several widths
/// and seeds, on the target and on its logarithm) each give formulas; each formula's constants are refitted together
/// and snapped to exact values where the held-out rows allow; the candidates form PySR's Pareto front of accuracy
/// against complexity, and PySR's rule chooses among them.
public enum Discoverer {
    /// Searches for the formula behind `dataset`'s one target column within `options.timeLimit` seconds: the
    /// training rows fit and choose (a seeded split), the test rows report. Returns the chosen formula (nil when
    /// no trial gave one), the Pareto front and one line per trial; `progress` hears what is tried and the best so
    /// far. Throws for data discovery cannot use (more than one target column, fewer than 10 training rows).
    ///
    ///     let (data, _) = try CSVLoader.load(URL(fileURLWithPath: "coulomb.csv"), options: CSVOptions(target: "F"))
    ///     let result = try Discoverer.discover(data, options: DiscoveryOptions(timeLimit: 30, library: try DiscoveryOptions.defaultLibrary()))
    ///     print(DiscoveryReport(result, data: data)?.formula ?? "nothing found")
    public static func discover(_ dataset: Dataset, options: DiscoveryOptions,
                                progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> DiscoveryResult {
        let clock = ContinuousClock(), start = clock.now
        let data = try DiscoveryData(dataset, seed: options.seed)
        let trials = (options.trials ?? plan(inputs: data.variables.count, seed: options.seed))
            .filter { $0.applies(positiveInputs: data.positiveInputs, targetSign: data.targetSign) && !$0.uses(any: options.without) }
        let baseline = data.validationVariance
        let state = SearchState()
        let deadline = Deadline(after: options.timeLimit)
        let threads = min(options.threads, max(trials.count, 1))
        // Trials that run at once share half the machine's memory; a network that needs more is not built.
        let memory = KANCost.memoryBudget(threads: threads)
        WorkerPool.tasks(threads) { _ in
            while let index = state.claim(count: trials.count, open: !deadline.hasPassed && !state.foundExact
                                            && !state.settled(baselineMSE: baseline)) {
                let trial = trials[index]
                // A network that cannot fit the memory or the time limit is reported and not built; one that only
                // comes too late to end in time is passed over, as trials the search does not reach are.
                do {
                    try trial.preflight(data, deadline: deadline, memory: memory)
                } catch let skipped as Skipped {
                    if !skipped.onlyLate {
                        progress("skipping \(trial): \(skipped.reason)")
                        state.record(index, "\(trial): skipped: \(skipped.reason)")
                    }
                    continue
                } catch {
                    state.record(index, "\(trial): failed: \(error)")
                    continue
                }
                progress("trying \(trial)")
                let outcome: String
                do {
                    // Past the deadline a formula is not polished, only judged as it is (a fit or snapping of
                    // many constants can take seconds).
                    let found = try trial.formulas(data, library: options.library, deadline: deadline, memory: memory).compactMap {
                        deadline.hasPassed ? candidate($0, data: data, origin: trial.description).map { [$0] }
                            : polish($0, data: data, origin: trial.description, deadline: deadline, snapping: !options.without.contains(.snapping))
                    }.flatMap { $0 }
                    state.add(found, trial: index)
                    outcome = found.map { "\($0.formula) (validation RMSE \(String(format: "%.3g", $0.validationMSE.squareRoot())))" }
                        .first ?? "no formula"
                } catch let skipped as Skipped {
                    // A training that, at its measured speed, could not end in time.
                    progress("giving up \(trial): \(skipped.reason)")
                    outcome = "given up: \(skipped.reason)"
                } catch {
                    outcome = "failed: \(error)"
                }
                state.record(index, "\(trial): \(outcome)")
                if let best = ParetoFront(state.candidates, baselineMSE: baseline).chosen { progress("best so far: \(best.formula)") }
            }
        }
        let front = ParetoFront(state.candidates, baselineMSE: baseline)
        return DiscoveryResult(chosen: front.chosen.map { withConstants($0, data: data) }, front: front,
                               tried: state.outcomes(count: trials.count), variables: data.variables,
                               seconds: start.duration(to: clock.now).inSeconds)
    }

    /// The default trials for `inputs` variables, cheapest first: the power law, the monomial collapse and the
    /// decomposition once, then per seed additive KANs, products of functions of
    /// the inputs (one multiplication node of arity `n`), a sum beside a product, a product inside a function, and
    /// a hidden layer of sum nodes; each on the target and on its logarithm.
    public static func plan(inputs n: Int, seed: UInt64) -> [DiscoveryTrial] {
        // A shape that cannot be built (a multiplication node of more than 16 inputs) is left out.
        func width(_ text: String, _ arity: String = "2") -> WidthSpecification? { try? WidthSpecification(parsing: text, arity: arity) }
        var shapes = [width("\(n),1")]
        if n >= 2 {
            shapes += [width("\(n),[0,1],1", "\(n)"), width("\(n),[1,1],1"), width("\(n),[0,1],1,1", "\(n)")]
            if n >= 3 { shapes += [width("\(n),[1,1],1", "\(n - 1)"), width("\(n),[0,1],[1,1],1")] }
        }
        shapes += [width("\(n),2,1"), width("\(n),\(2 * n + 1),1")]
        var trials: [DiscoveryTrial] = [.powerLaw, .collapse, .decomposition(seed: seed)]
        // Three seeds from `seed`, wrapping past UInt64.max (`--seed 18446744073709551615` trapped on the sum).
        for s in (0..<3).map({ seed &+ UInt64($0) }) {
            for shape in shapes.compactMap({ $0 }) {
                trials.append(.kan(width: shape, seed: s, logTarget: false))
                trials.append(.kan(width: shape, seed: s, logTarget: true))
            }
        }
        return trials
    }

    /// The largest complexity at which a candidate is rewritten under positive inputs.
    static let positivityLimit = 60

    /// The largest complexity at which a formula's small-argument functions may be linearised.
    static let linearizationLimit = 30

    /// The most constants a formula may have to be refitted all at once.
    static let refitLimit = 16

    /// The raw formula with every constant refitted on the fitting rows, then snapped on the validation rows.
    static func polish(_ formula: Expr, data: DiscoveryData, origin: String, deadline: Deadline, snapping: Bool = true) -> [DiscoveryCandidate]? {
        // One scale constant per product, not one per sum inside it, so that exact scales can snap.
        let raw = formula.extractingSumContent()
        let fitRows = Array(data.fitRows.prefix(1000)), fitTargets = Array(data.fitTargets.prefix(1000))
        let fitWeights = data.fitWeights.map { Array($0.prefix(1000)) }
        // A least-squares fit of thirty constants at once can outlast a trial's whole budget, and a formula with that
        // many is no exact law: beyond `refitLimit` constants the KAN's own retrained constants stay.
        var refit = raw
        let parametrized = raw.parametrized()
        if parametrized.values.count <= refitLimit {
            // Near the deadline only the iterations that end before it (none: the constants stay).
            do {
                if let fitted = try FormulaFitter().fit(raw, variables: data.variables, rows: fitRows, targets: fitTargets,
                                                        weights: fitWeights, deadline: deadline) {
                    refit = fitted.formula
                }
            } catch {
                return nil
            }
        }
        guard snapping else {
            // Every constant is fitted, and reported with its error if chosen.
            guard var found = candidate(refit, data: data, origin: origin) else { return nil }
            found.freeConstants = refit.parametrized().values
            return [linearized(found, refit: refit, forms: [refit], data: data, deadline: deadline, snapping: false)]
        }
        var snapper = ConstantSnapper()
        snapper.deadline = deadline
        snapper.weights = (data.validationWeights, fitWeights)
        let snapped = snapper.snapping(refit, variables: data.variables, rows: data.validationRows,
                                       targets: data.validationTargets, fitRows: fitRows, fitTargets: fitTargets,
                                       stop: { deadline.hasPassed })
        guard var found = candidate(snapped.formula, data: data, origin: origin) else { return nil }
        found.constantsExact = snapped.allExact
        found.freeConstants = snapped.free
        // The snapped form too: snapping can bring a small argument out (`1/tan(pi/2 - 0.02*q)` is `tan(0.02*q)`).
        return [linearized(found, refit: refit, forms: [refit, snapped.formula], data: data, deadline: deadline, snapping: true)]
    }

    /// `found`, or one of its `forms` with the odd functions whose arguments stay small on the data written as those
    /// arguments, polished (and snapped when `snapping`), when that form with its constants fitted fits the validation
    /// rows as well as `refit` (the formula with its constants fitted, before snapping), within `ConstantSnapper`'s 2%
    /// of RMSE: a function in its linear regime is taken for its argument as a constant is taken for the exact value
    /// it is near. `46*sin(0.00346*h*omega)` differs from `h*omega/(2*pi)` by a part in
    /// 10^5 on I.34.27's data, and under noise the sine's curvature fits only the noise.
    private static func linearized(_ found: DiscoveryCandidate, refit: Expr, forms: [Expr], data: DiscoveryData,
                                   deadline: Deadline, snapping: Bool) -> DiscoveryCandidate {
        // Only for formulas of a law's size: a network's tangle of a hundred nodes is no law with or without it,
        // and polishing it again costs seconds.
        guard found.complexity <= linearizationLimit else { return found }
        let rows = Array((data.fitRows + data.validationRows).prefix(400))
        let linears = forms.compactMap { $0.linearizingSmallArguments(variables: data.variables, rows: rows) }
        guard !linears.isEmpty else { return found }
        // Fitted against fitted: snapping judges on the validation rows, so a snapped formula's error there is not
        // comparable with a fitted one's.
        guard let reference = candidate(refit, data: data, origin: found.origin) else { return found }
        let limit = (1 + ConstantSnapper().relativeTolerance) * reference.validationMSE.squareRoot()
        var tried: [Expr] = []
        for linear in linears where !tried.contains(linear) {
            tried.append(linear)
            // Judged with its constants fitted (a snap is judged by the snapper), then snapped.
            let origin = found.origin + ", linearised"
            guard let fitted = polish(linear, data: data, origin: origin, deadline: deadline, snapping: false)?.first,
                  fitted.validationMSE.squareRoot() <= limit else { continue }
            return snapping ? polish(linear, data: data, origin: origin, deadline: deadline)?.first ?? fitted : fitted
        }
        return found
    }

    /// `formula`, derived from `source` (composed from a reduced search's, or its constants refitted), scored on
    /// `data` as `candidate` scores it, with `source`'s snap flags (`constantsExact`, `freeConstants`).
    static func rescored(_ formula: Expr, from source: DiscoveryCandidate, data: DiscoveryData) -> DiscoveryCandidate? {
        guard var found = candidate(formula, data: data, origin: source.origin) else { return nil }
        (found.constantsExact, found.freeConstants) = (source.constantsExact, source.freeConstants)
        return found
    }

    /// The formula's errors: validation MSE (floored at the rounding noise of the targets, so exact formulas tie
    /// and the simplest wins), test RMSE and r2; nil where it is undefined on some row.
    static func candidate(_ formula: Expr, data: DiscoveryData, origin: String) -> DiscoveryCandidate? {
        // Where the data show inputs positive, write the law as it is on them: `sqrt(q^2)` is `q`. Only for formulas
        // of a law's size: simplifying a tangle of a hundred nodes again can take longer than the search.
        let small = DiscoveryCandidate.complexity(of: formula) <= positivityLimit
        let (formula, assumed) = small ? formula.simplified(assumingPositive: data.positiveVariables) : (formula, false)
        guard let compiled = try? formula.compiled(variables: data.variables) else { return nil }
        func predictions(_ rows: [[Double]]) -> [Double]? {
            var values: [Double] = []
            for row in rows {
                guard let value = try? compiled(row), value.isFinite else { return nil }
                values.append(value)
            }
            return values
        }
        guard let validation = predictions(data.validationRows), let test = predictions(data.testRows) else { return nil }
        let spread = Metrics.standardDeviation(data.validationTargets)
        let floor = (1e-10 * max(spread, 1e-300)) * (1e-10 * max(spread, 1e-300))
        let mse = data.validationMSE(validation)
        var found = DiscoveryCandidate(formula: formula, validationMSE: max(mse, floor), testRMSE: Metrics.rmse(test, data.testTargets),
                                       testR2: Metrics.r2(test, data.testTargets), origin: origin)
        found.isExact = mse <= floor
        if assumed { found.assumedPositive = data.variables.filter { data.positiveVariables.contains($0) && formula.variables.contains($0) } }
        return found
    }
}

/// The shared state of the concurrent trials: which trial runs next, what was found and what each trial gave.
private final class SearchState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var found: [(trial: Int, candidate: DiscoveryCandidate)] = []
    private var lines: [Int: String] = [:]
    /// The chosen formula and how many trials had ended when it became the choice.
    private var chosenSince: (formula: Expr, ended: Int)?

    /// The next trial to run, or nil when all are taken or the time is up.
    func claim(count: Int, open: Bool) -> Int? {
        lock.withLock {
            guard open, next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func add(_ candidates: [DiscoveryCandidate], trial: Int) {
        lock.withLock { found += candidates.map { (trial, $0) } }
    }

    /// Whether a candidate fits the validation rows to the targets' rounding noise: no later trial can be more
    /// accurate, so no new trial starts (the running ones finish, and may offer a simpler exact formula).
    var foundExact: Bool {
        lock.withLock { found.contains { $0.candidate.isExact } }
    }

    /// Whether the search has settled on noisy data, where no formula fits to the rounding floor: the formula
    /// PySR's rule chooses has only exact constants, is as accurate (within 2%) as the most accurate candidate
    /// however complex, and has stayed the choice while `settlingTrials` more trials ended.
    func settled(baselineMSE: Double) -> Bool {
        lock.withLock {
            let all = inTrialOrder
            guard let chosen = ParetoFront(all, baselineMSE: baselineMSE).chosen, chosen.constantsExact,
                  let best = all.map(\.validationMSE).min(), chosen.validationMSE <= 1.02 * best else { return false }
            if chosenSince?.formula != chosen.formula { chosenSince = (chosen.formula, lines.count) }
            return lines.count - chosenSince!.ended >= Self.settlingTrials
        }
    }

    /// Trials that must end without changing the choice before a noisy search settles.
    static let settlingTrials = 6

    func record(_ trial: Int, _ line: String) {
        lock.withLock { lines[trial] = line }
    }

    /// In trial order, so ties on the front do not depend on which thread finished first.
    var candidates: [DiscoveryCandidate] {
        lock.withLock { inTrialOrder }
    }

    /// The candidates in trial order; read while holding `lock`.
    private var inTrialOrder: [DiscoveryCandidate] { found.sorted { $0.trial < $1.trial }.map(\.candidate) }

    func outcomes(count: Int) -> [String] {
        lock.withLock { (0..<count).compactMap { lines[$0] } }
    }
}

/// A part of the discovery search that an ablation can leave out.
public enum DiscoveryIngredient: String, Sendable, CaseIterable {
    /// The power law fitted in log space.
    case powerLaw = "power-law"
    /// KANs trained on `log|y|`.
    case logTarget = "log-target"
    /// KANs with multiplication nodes.
    case multiplication
    /// Snapping constants to exact values (constants are still refitted).
    case snapping
    /// AI Feynman's separability and symmetry decomposition with a KAN surrogate.
    case decomposition
    /// The search for one combination of the inputs that the target, times a prefactor, depends on alone.
    case collapse
}
