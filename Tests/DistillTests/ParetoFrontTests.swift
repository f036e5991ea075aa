import Distill
import Foundation
import Symbolic
import Testing
import TestSupport

/// `ParetoFront`: PySR's hall of fame (for each complexity the most accurate candidate, kept only when more
/// accurate than every simpler member by more than float dust) and PySR's `model_selection="best"` choice
/// (among members within 1.5x of the best validation error, the best score `-d log(error) / d complexity`).
/// Candidates are made by hand with chosen complexities and errors; the expected choices are worked out from the
/// documented rule.
@Suite("Pareto front: hall of fame and PySR's choice")
struct ParetoFrontTests {
    /// A candidate with a chosen complexity and validation MSE; `name` (its origin) identifies it.
    static func candidate(_ name: String, complexity: Int, mse: Double) -> DiscoveryCandidate {
        var candidate = DiscoveryCandidate(formula: .variable("x"), validationMSE: mse, testRMSE: mse.squareRoot(), testR2: 0,
                                           origin: name)
        candidate.complexity = complexity
        return candidate
    }

    static func names(_ front: ParetoFront) -> [String] { front.candidates.map(\.origin) }

    @Test("for each complexity only the most accurate candidate is kept; non-finite errors never are")
    func mostAccuratePerComplexity() {
        let front = ParetoFront([
            Self.candidate("c3 worse", complexity: 3, mse: 0.5),
            Self.candidate("c3 best", complexity: 3, mse: 0.2),
            Self.candidate("c3 middle", complexity: 3, mse: 0.3),
            Self.candidate("c2 nan", complexity: 2, mse: .nan),
            Self.candidate("c1 infinite", complexity: 1, mse: .infinity),
            Self.candidate("c5 best", complexity: 5, mse: 0.1),
            Self.candidate("c5 worse", complexity: 5, mse: 0.15),
        ])
        #expect(Self.names(front) == ["c3 best", "c5 best"])
        // A tie at one complexity keeps the first one met.
        let tie = ParetoFront([Self.candidate("first", complexity: 4, mse: 0.25), Self.candidate("second", complexity: 4, mse: 0.25)])
        #expect(Self.names(tie) == ["first"])
    }

    @Test("members come simplest first, each strictly more accurate than every simpler one; the others are dropped")
    func dropsWhatASimplerOneBeats() {
        let all = [
            Self.candidate("c7", complexity: 7, mse: 0.5),
            Self.candidate("c1", complexity: 1, mse: 1.0),
            Self.candidate("c3 as good as c1", complexity: 3, mse: 1.0),
            Self.candidate("c5 worse than c1", complexity: 5, mse: 2.0),
            Self.candidate("c9 worse than c7", complexity: 9, mse: 0.6),
            Self.candidate("c11", complexity: 11, mse: 0.01),
        ]
        let front = ParetoFront(all)
        #expect(Self.names(front) == ["c1", "c7", "c11"])
        // The invariant, whatever the input order.
        let reversed = ParetoFront(all.reversed())
        #expect(Self.names(reversed) == ["c1", "c7", "c11"])
        for (simpler, next) in zip(front.candidates, front.candidates.dropFirst()) {
            #expect(simpler.complexity < next.complexity && next.validationMSE < simpler.validationMSE)
        }
    }

    @Test("float dust: an error less than one part in a million below the simpler member's is no improvement")
    func floatDust() {
        let front = ParetoFront([
            Self.candidate("c1", complexity: 1, mse: 1.0),
            // 5e-7 of the error below c1: two spellings of one function.
            Self.candidate("c2 dust", complexity: 2, mse: 1.0 - 5e-7),
            // Exactly at the threshold is still dust (the rule keeps what is below by more than 1e-6).
            Self.candidate("c3 at the threshold", complexity: 3, mse: 1.0 * (1 - 1e-6)),
            // 2e-6 below: an improvement.
            Self.candidate("c4 better", complexity: 4, mse: 1.0 - 2e-6),
            // Measured against c4, the member now before it, not against c1.
            Self.candidate("c5 dust of c4", complexity: 5, mse: (1.0 - 2e-6) * (1 - 1e-7)),
        ])
        #expect(Self.names(front) == ["c1", "c4 better"])
        // The rule is relative: at a tiny error, a relatively large step is kept.
        let tiny = ParetoFront([Self.candidate("a", complexity: 1, mse: 1e-20), Self.candidate("b", complexity: 2, mse: 0.9e-20)])
        #expect(Self.names(tiny) == ["a", "b"])
    }

    @Test("scores: log-error drop per unit of complexity; the simplest scored against the baseline at complexity 1, or 0 without one")
    func scores() {
        let members = [
            Self.candidate("c3", complexity: 3, mse: 1e-2),
            Self.candidate("c5", complexity: 5, mse: 1e-4),
            Self.candidate("c9", complexity: 9, mse: 0.9e-4),
        ]
        let plain = ParetoFront(members)
        #expect(plain.baselineMSE == nil)
        let expected = [0, log(1e-2 / 1e-4) / 2, log(1e-4 / 0.9e-4) / 4]
        #expect(plain.scores.count == 3)
        for (score, value) in zip(plain.scores, expected) { expectClose(score, value, tolerance: 1e-12) }

        let withBaseline = ParetoFront(members, baselineMSE: 4)
        #expect(withBaseline.baselineMSE == 4)
        expectClose(withBaseline.scores[0], log(4 / 1e-2) / (3 - 1), tolerance: 1e-12)
        for (score, value) in zip(withBaseline.scores.dropFirst(), expected.dropFirst()) { expectClose(score, value, tolerance: 1e-12) }

        // A simplest member of complexity 1 (the constant's own) is scored over one step, not divided by 0.
        let unit = ParetoFront([Self.candidate("c1", complexity: 1, mse: 0.5)], baselineMSE: 2)
        expectClose(unit.scores[0], log(2 / 0.5), tolerance: 1e-12)

        // A baseline that is not a positive finite number is no baseline.
        for bad in [0.0, -1, .nan, .infinity] {
            let front = ParetoFront(members, baselineMSE: bad)
            #expect(front.baselineMSE == nil, "baseline \(bad)")
            #expect(front.scores[0] == 0, "baseline \(bad)")
        }
    }

    @Test("the choice: the best score among members within 1.5x of the most accurate, not simply the most accurate")
    func choiceWithinTolerance() {
        // Most accurate c9 (0.9e-4); within 1.5x of it (1.35e-4): c5 and c9. c5's score log(100)/2 beats c9's
        // log(1/0.9)/4, so c5 is chosen although c9 is more accurate.
        let front = ParetoFront([
            Self.candidate("c3", complexity: 3, mse: 1e-2),
            Self.candidate("c5", complexity: 5, mse: 1e-4),
            Self.candidate("c9", complexity: 9, mse: 0.9e-4),
        ])
        #expect(front.chosen?.origin == "c5")

        // A member with a great score but more than 1.5x the best error is not eligible: c2 drops the error from
        // the baseline 1 to 0.1 (score log(10)), c5 to 1.4e-3 (log(0.1/1.4e-3)/3), c6 to 1e-3 (log(1.4)).
        // Eligible (<= 1.5e-3): c5 and c6; c5 scores higher.
        let second = ParetoFront([
            Self.candidate("c2", complexity: 2, mse: 0.1),
            Self.candidate("c5", complexity: 5, mse: 1.4e-3),
            Self.candidate("c6", complexity: 6, mse: 1e-3),
        ], baselineMSE: 1)
        #expect(second.scores[0] > second.scores[1] && second.scores[1] > second.scores[2])
        #expect(second.chosen?.origin == "c5")

        // Move c5 out of the 1.5x band (1.6e-3 > 1.5e-3): only c6 is left to choose.
        let third = ParetoFront([
            Self.candidate("c2", complexity: 2, mse: 0.1),
            Self.candidate("c5", complexity: 5, mse: 1.6e-3),
            Self.candidate("c6", complexity: 6, mse: 1e-3),
        ], baselineMSE: 1)
        #expect(third.chosen?.origin == "c6")

        // Nothing to choose from.
        #expect(ParetoFront([]).chosen == nil)
        #expect(ParetoFront([Self.candidate("nan", complexity: 3, mse: .nan)]).chosen == nil)
    }

    @Test("the exact law beats a more complex formula that fits the noise 0.1% better, once scored against the baseline")
    func baselineKeepsTheExactLaw() {
        let members = [
            Self.candidate("law", complexity: 3, mse: 1e-6),
            Self.candidate("noise fit", complexity: 7, mse: 0.999e-6),
        ]
        // Both are kept (0.1% is far above the dust) and both are within 1.5x of the best.
        let withoutBaseline = ParetoFront(members)
        #expect(Self.names(withoutBaseline) == ["law", "noise fit"])
        // Without a baseline the simplest scores 0 and the noise fit's small positive score wins.
        #expect(withoutBaseline.scores[1] > 0)
        #expect(withoutBaseline.chosen?.origin == "noise fit")
        // Against the constant model (variance 1) the law scores log(1e6)/2, far above log(1/0.999)/4.
        let withBaseline = ParetoFront(members, baselineMSE: 1)
        #expect(withBaseline.chosen?.origin == "law")
    }

    @Test("a zero error scores finitely (against an error floor) and is chosen")
    func zeroError() {
        let front = ParetoFront([
            Self.candidate("approximate", complexity: 3, mse: 1e-4),
            Self.candidate("exact", complexity: 5, mse: 0),
        ], baselineMSE: 1)
        #expect(front.scores.allSatisfy { $0.isFinite }, "\(front.scores)")
        // Against the floor 1e-300: log(1e-4 / 1e-300) / 2.
        expectClose(front.scores[1], log(1e-4) / 2 - log(1e-300) / 2, tolerance: 1e-12)
        #expect(front.chosen?.origin == "exact")
    }
}
