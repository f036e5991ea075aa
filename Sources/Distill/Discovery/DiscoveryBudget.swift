import Fitting
import Foundation
import KAN
import Optimization
import Symbolic

/// The moment a discovery run must stop: every long path of a trial checks it (KAN training at each evaluation of
/// its objective, symbolic fitting before each edge, the searches and fits between their steps) and gives up past it.
public struct Deadline: Sendable {
    /// Thrown by `check` past the deadline.
    struct Passed: Error, CustomStringConvertible {
        var description: String { "stopped at the time limit" }
    }

    let instant: ContinuousClock.Instant
    /// The whole budget, in seconds from the moment the deadline was set.
    let budget: Double

    /// `seconds` from now; an infinite or huge budget is taken as a century.
    public init(after seconds: Double) {
        budget = seconds.isNaN ? 0 : min(max(seconds, 0), 3e9)
        instant = ContinuousClock.now.advanced(by: .seconds(budget))
    }

    var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Seconds left, 0 once passed.
    var remaining: Double { max(0, ContinuousClock.now.duration(to: instant).inSeconds) }

    func check() throws {
        if hasPassed { throw Passed() }
    }
}

extension Deadline {
    /// Formula evaluations (on every row) one Levenberg-Marquardt iteration costs, per constant plus one: the
    /// residuals and the Jacobian's columns, whose derivatives cost more than the formula, and rejected steps
    /// (measured: 2 to 7 on formulas of 8 to 16 constants; the larger is taken).
    static let evaluationsPerIteration = 8.0

    /// The seconds one Levenberg-Marquardt iteration on `constants` constants of `formula` on `rows` takes, from one
    /// timed evaluation of the formula; 0 when it cannot be evaluated (the fit reports that itself).
    func secondsPerIteration(_ formula: Expr, constants: Int, variables: [String], rows: [[Double]]) -> Double {
        guard let compiled = try? formula.compiled(variables: variables) else { return 0 }
        let evaluation = Self.seconds { for row in rows { _ = try? compiled(row) } }
        return Self.evaluationsPerIteration * Double(constants + 1) * evaluation
    }

    /// How many Levenberg-Marquardt iterations of `secondsPerIteration` each end before the deadline, at most
    /// `maximum` (all of them when the deadline is far or the cost unknown).
    func affordableIterations(_ maximum: Int, secondsPerIteration: Double) -> Int {
        guard secondsPerIteration > 0 else { return maximum }
        let affordable = remaining / secondsPerIteration
        return affordable >= Double(maximum) ? maximum : Int(affordable)
    }

    /// The seconds `body` takes.
    static func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock(), start = clock.now
        body()
        return start.duration(to: clock.now).inSeconds
    }
}

extension FormulaFitter {
    /// `fit` ended by `deadline`: GSL's Levenberg-Marquardt cannot be stopped from outside, and one fit of a dozen
    /// constants on a thousand rows can take five seconds. When all `maxIterations` iterations fit in the time left
    /// (at `Deadline.evaluationsPerIteration`), the fit is `fit`'s; nearer the deadline it runs a few iterations at
    /// a time, from where the last left off, as many as end before it. Nil when not one iteration fits.
    func fit(_ formula: Expr, variables: [String], rows: [[Double]], targets: [Double], weights: [Double]? = nil,
             deadline: Deadline) throws -> Result? {
        let perIteration = deadline.secondsPerIteration(formula, constants: formula.parametrized().values.count, variables: variables, rows: rows)
        if deadline.affordableIterations(maxIterations, secondsPerIteration: perIteration) == maxIterations {
            return try fit(formula, variables: variables, rows: rows, targets: targets, weights: weights)
        }
        var result: Result?
        var done = 0
        while done < maxIterations {
            let chunk = min(deadline.affordableIterations(maxIterations - done, secondsPerIteration: perIteration), 10)
            guard chunk > 0 else { break }
            result = try FormulaFitter(maxIterations: chunk).fit(result?.formula ?? formula, variables: variables, rows: rows, targets: targets,
                                                                 weights: weights)
            done += chunk
        }
        return result
    }
}

/// Thrown by a trial, or a part of one, that is not attempted because it cannot fit the time or memory left; the
/// reason is reported in the trial's line and as progress.
struct Skipped: Error, CustomStringConvertible {
    var reason: String
    /// Whether the trial would have fitted the whole time limit, and only what is left is too short: a trial
    /// not started at the end of a run, which the search does not report (it never reported trials it did not
    /// reach).
    var onlyLate = false
    var description: String { reason }
}

/// What building and training a KAN would cost, estimated from its shape before anything is allocated, so that a
/// trial refuses a network that cannot fit the memory or the time left (on a table of 2000 inputs, `[n, 2n+1, 1]`
/// has eight million edges).
///
/// Memory is `KANMemory`'s estimate, with two passes' caches: discovery's training keeps the objective's and the
/// check of the loss after each step.
struct KANCost {
    /// Bytes at the peak of training.
    let bytes: Double
    /// Rows times edges: one evaluation of the objective (forward and backward) costs about this many edge
    /// evaluations.
    let rowEdges: Double

    init(_ configuration: KANConfiguration, rows: Int) {
        let memory = KANMemory(configuration, rows: rows)
        bytes = memory.leastSquares + memory.parameters + 2 * memory.pass
        rowEdges = Double(rows) * memory.edges
    }

    /// Seconds per row and edge of one evaluation of the objective, forward and backward: a lower bound, below what
    /// this project's kernels take on one core of a current machine (measured: 3-10 ns for wide layers).
    static let secondsPerRowEdge = 1.5e-9

    /// A lower bound of the seconds `evaluations` evaluations of the objective take.
    func seconds(evaluations: Int) -> Double { Double(evaluations) * rowEdges * Self.secondsPerRowEdge }

    /// The memory one trial may plan to use: the run's (`MemoryBudget`), shared by the trials that run at once.
    static func memoryBudget(threads: Int) -> Double {
        MemoryBudget.allowedShare * MemoryBudget.physicalMemory / Double(max(threads, 1))
    }

    /// Throws `Skipped`, naming the network, when it would need more than `memory` bytes, or when even
    /// `evaluations` evaluations of its objective at the lower-bound speed would not end before `deadline`.
    func check(_ name: String, evaluations: Int, memory: Double, deadline: Deadline) throws {
        if bytes > memory {
            throw Skipped(reason: "\(name) would need about \(MemoryBudget.describe(bytes: bytes)) of memory, more than the \(MemoryBudget.describe(bytes: memory)) a trial may use")
        }
        let needed = seconds(evaluations: evaluations), left = deadline.remaining
        if needed > left {
            throw Skipped(reason: "\(name) would need at least \(String(format: "%.0f", needed.rounded(.up))) s to train, more than the \(String(format: "%.1f", left)) s left",
                          onlyLate: needed <= deadline.budget)
        }
    }
}
