import ArgumentParser

/// `--sigma COLUMN` / `--weights COLUMN`: how much each row of `--data` counts (`kan discover`).
struct WeightOptions: ParsableArguments {
    @Option(help: "A column of --data holding each row's measurement error (in the target's units): rows weigh 1/sigma^2 in fitting the constants and choosing the formula, and the constants' errors come from the sigmas.")
    var sigma: String?

    @Option(help: "A column of --data holding each row's relative weight (>= 0) in fitting the constants and choosing the formula.")
    var weights: String?

    /// The option given, as `--sigma` or `--weights`; nil when neither was.
    var given: String? { sigma != nil ? "--sigma" : (weights != nil ? "--weights" : nil) }
}
