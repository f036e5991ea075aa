import Distill
import Foundation
import Testing

/// The benchmark as `kan bench feynman` prints it: each equation's progress line, the results' table, the rates.
@Suite("Feynman benchmark as text")
struct FeynmanTextTests {
    /// Two results as `--output` writes them: one recovered, one with nothing found.
    static func results() throws -> [FeynmanResult] {
        let lines = [
            #"{"equation":"I.12.1","truth":"mu*Nn","variables":2,"formula":"Nn*mu","recovered":true,"method":"symbolicDifference","#
                + #""test_r2":1,"test_rmse":0,"complexity":3,"seconds":2.25,"noise":0,"tried":4}"#,
            #"{"equation":"II.6.15a","truth":"x","variables":6,"recovered":false,"method":"nothing found","seconds":30.04,"noise":0,"tried":9}"#,
        ]
        return try lines.map { try JSONDecoder().decode(FeynmanResult.self, from: Data($0.utf8)) }
    }

    @Test("progress lines: recovered or not, the formula or a dash, seconds to one place")
    func progress() throws {
        let results = try Self.results()
        #expect(results.map(\.progressLine) == ["I.12.1: recovered Nn*mu (2.2 s)", "II.6.15a: not recovered - (30.0 s)"])
    }

    @Test("the table: yes or no, test r2 to six places, a dash for what a result lacks")
    func table() throws {
        #expect(FeynmanResult.table(try Self.results()) == "equation  recovered  formula  test_r2   seconds\n"
                                                          + "I.12.1    yes        Nn*mu    1.000000  2.2    \n"
                                                          + "II.6.15a  no         -        -         30.0   \n")
    }

    @Test("the rates: recovered share, median and longest search")
    func summary() throws {
        let summary = try #require(FeynmanSummary(try Self.results()))
        #expect(summary.text(noise: 0.01) == "recovered: 1/2 (50%) at noise 0.01\nmedian_seconds: 16.1\nmax_seconds: 30.0\n")
    }
}
