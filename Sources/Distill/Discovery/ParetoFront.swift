import Foundation

/// PySR's hall of fame and its default choice: for each complexity the most accurate candidate, kept when it beats
/// every simpler one; the chosen formula is, among those whose validation error is within 1.5x of the most
/// accurate, the one with the best score `-d log(error) / d complexity` against the next simpler formula of the front.
///
/// Two details keep a formula that is a simpler one in disguise (`251302*a/tan(pi/2 - 3.979276e-06*b)` is `a*b`
/// to ten digits; `1/sqrt(1/(a^2*b^2))` is `a*b`) from winning on accuracy it does not have:
/// - a formula joins the front only when its error is below the simpler member's by more than float dust (one part
///   in a million of it), so two spellings of one function, whose errors differ only in their last digits, do not
///   both appear;
/// - the simplest member is scored, as in PySR, against the constant model (its hall of fame always holds one: the
///   mean, complexity 1, whose error is the targets' variance), not given a score of 0. Otherwise a more complex
///   formula that fits the data's rounding noise a little better (better by 0.1% of the error, which any extra
///   constant allows) has the only positive score and is chosen over the exact law.
public struct ParetoFront: Sendable {
    /// Simplest first; each more accurate than all before it.
    public let candidates: [DiscoveryCandidate]
    /// The validation MSE of the constant model (the targets' variance), which the simplest member is scored
    /// against; nil to score it 0.
    public let baselineMSE: Double?

    /// An error at least this share below the simpler member's is an improvement; less is float dust.
    static let dust = 1e-6

    public init(_ all: [DiscoveryCandidate], baselineMSE: Double? = nil) {
        var best: [Int: DiscoveryCandidate] = [:]
        for candidate in all where candidate.validationMSE.isFinite {
            if let current = best[candidate.complexity], current.validationMSE <= candidate.validationMSE { continue }
            best[candidate.complexity] = candidate
        }
        var front: [DiscoveryCandidate] = []
        for complexity in best.keys.sorted() {
            let candidate = best[complexity]!
            if let last = front.last, candidate.validationMSE >= last.validationMSE * (1 - Self.dust) { continue }
            front.append(candidate)
        }
        candidates = front
        self.baselineMSE = baselineMSE.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    }

    /// The score of each front member against the previous one; the simplest against the constant model (complexity
    /// 1), or 0 without a baseline.
    public var scores: [Double] {
        let floor = 1e-300
        return candidates.indices.map { i in
            guard i > 0 else {
                guard let baselineMSE, let first = candidates.first else { return 0 }
                return (log(baselineMSE) - log(max(first.validationMSE, floor))) / Double(max(first.complexity - 1, 1))
            }
            let drop = log(max(candidates[i - 1].validationMSE, floor)) - log(max(candidates[i].validationMSE, floor))
            return drop / Double(candidates[i].complexity - candidates[i - 1].complexity)
        }
    }

    /// PySR's `model_selection="best"`.
    public var chosen: DiscoveryCandidate? {
        guard let accurate = candidates.map(\.validationMSE).min() else { return nil }
        let scores = self.scores
        return candidates.indices.filter { candidates[$0].validationMSE <= 1.5 * accurate }
            .max { scores[$0] < scores[$1] }.map { candidates[$0] }
    }
}
