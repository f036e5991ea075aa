import Foundation

/// PySR's hall of fame and its default choice: for each complexity the most accurate candidate, kept when it beats
/// every simpler one; the chosen formula is, among those whose validation error is within 1.5x of the most
/// accurate, the one with the best score `-d log(error) / d complexity` against the next simpler formula of the front.
public struct ParetoFront: Sendable {
    /// Simplest first; each more accurate than all before it.
    public let candidates: [DiscoveryCandidate]

    public init(_ all: [DiscoveryCandidate]) {
        var best: [Int: DiscoveryCandidate] = [:]
        for candidate in all where candidate.validationMSE.isFinite {
            if let current = best[candidate.complexity], current.validationMSE <= candidate.validationMSE { continue }
            best[candidate.complexity] = candidate
        }
        var front: [DiscoveryCandidate] = []
        for complexity in best.keys.sorted() {
            let candidate = best[complexity]!
            if let last = front.last, candidate.validationMSE >= last.validationMSE { continue }
            front.append(candidate)
        }
        candidates = front
    }

    /// The score of each front member against the previous one (0 for the simplest).
    public var scores: [Double] {
        candidates.indices.map { i in
            guard i > 0 else { return 0 }
            let floor = 1e-300
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
