import ArgumentParser
import KAN
import Optimization

extension FitOptions.Optimizer: ExpressibleByArgument {}

/// The loss on the command line.
enum LossChoice: String, ExpressibleByArgument, CaseIterable {
    case mse, ce
}

/// How long and how regularised a KAN trains, and whether its grids follow the data (shared by `train` and
/// `compare`).
struct ScheduleOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Training steps (default: 50).", transform: Checked.whole(0...Int.max))
    var steps = 50

    @Option(parsing: .unconditional, help: "Regularisation strength (default: 0, which turns it off).", transform: Checked.number(.nonNegative))
    var lamb = 0.0

    @Option(name: .customLong("lamb-l1"), parsing: .unconditional, help: "Weight of the L1 term (default: 1).", transform: Checked.number(.nonNegative))
    var lambL1 = 1.0

    @Option(name: .customLong("lamb-entropy"), parsing: .unconditional, help: "Weight of the entropy term (default: 2).", transform: Checked.number(.nonNegative))
    var lambEntropy = 2.0

    @Option(name: .customLong("lamb-coef"), parsing: .unconditional, help: "Weight of the coefficient L1 term (default: 0).", transform: Checked.number(.nonNegative))
    var lambCoef = 0.0

    @Option(name: .customLong("lamb-coefdiff"), parsing: .unconditional, help: "Weight of the coefficient-difference L1 term (default: 0).", transform: Checked.number(.nonNegative))
    var lambCoefDiff = 0.0

    @Flag(inversion: .prefixedNo, help: "Update grids from the training data during the first steps (default: on; off for `compare --mnist`, as in pykan's MNIST notebook).")
    var updateGrid: Bool?

    var regularization: Regularization {
        Regularization(lamb: lamb, lambL1: lambL1, lambEntropy: lambEntropy, lambCoef: lambCoef, lambCoefDiff: lambCoefDiff)
    }
}

/// How to train.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Optimiser: lbfgs or adam.")
    var opt: FitOptions.Optimizer = .lbfgs

    @OptionGroup var schedule: ScheduleOptions

    @Option(parsing: .unconditional, help: "Learning rate (LBFGS: 1; Adam: 1e-3 if not given).", transform: Checked.number(.positive))
    var lr: Double?

    @Option(parsing: .unconditional, help: "Rows per step (default: -1, all rows).", transform: Checked.batch)
    var batch = -1

    @Option(help: "Loss: mse (regression) or ce (classification, labels are class indices).")
    var loss: LossChoice = .mse

    @Flag(help: "Print nothing while training.")
    var quiet = false

    /// The options that make training diverge when too large, as the user would type them.
    var divergenceOptions: [(String, String)] {
        [("--lr", fitOptions.learningRate.formatted)] + (schedule.lamb > 0 ? [("--lamb", schedule.lamb.formatted)] : [])
    }

    var fitOptions: FitOptions {
        FitOptions(optimizer: opt, steps: schedule.steps, learningRate: lr ?? (opt == .lbfgs ? 1 : 1e-3),
                   regularization: schedule.regularization,
                   loss: loss == .mse ? .meanSquaredError : .crossEntropy, updateGrid: schedule.updateGrid ?? true, batch: batch)
    }
}
