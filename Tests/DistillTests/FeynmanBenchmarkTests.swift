import Datasets
import Distill
import Testing

/// The Feynman benchmark as a library: selection, the checks before any search, and a run judged by SRBench's rule.
@Suite("Feynman benchmark (library)")
struct FeynmanBenchmarkTests {
    static let header = "Filename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high\n"

    static func table(_ rows: String) throws -> [FeynmanEquation] { try FeynmanTable.parse(header + rows, file: "t.csv") }

    @Test("a product law is recovered, judged against the table's truth, with its time and trials")
    func run() throws {
        let table = try Self.table("T.1,1,F,q*Ef,2,q,1,5,Ef,1,5\n")
        var benchmark = FeynmanBenchmark(library: try DiscoveryOptions.defaultLibrary())
        (benchmark.points, benchmark.timeLimit) = (500, 20)
        try benchmark.check(table, file: "t.csv")
        let result = try benchmark.run(table[0])
        #expect(result.recovered, "\(result.formula ?? "-")")
        #expect(result.truth == "q*Ef" && result.tried > 0 && result.seconds < 30)
        let summary = try #require(FeynmanSummary([result]))
        #expect(summary.recovered == 1 && summary.count == 1 && summary.medianSeconds == result.seconds)
    }

    @Test("an unknown name, a formula undefined on its ranges and too many points are errors naming them")
    func refusals() throws {
        let table = try Self.table("T.1,1,f,x*y,2,x,1,5,y,1,5\nT.2,2,f,log(x),1,x,-2,-1,,,\n")
        #expect(throws: BenchmarkError.self) { try FeynmanBenchmark.selection(table, file: "t.csv", names: ["T.1", "NOPE"]) }
        do {
            _ = try FeynmanBenchmark.selection(table, file: "t.csv", names: ["NOPE"])
        } catch {
            #expect("\(error)" == "t.csv has no equation named 'NOPE'; its equations are T.1, T.2")
        }
        var benchmark = FeynmanBenchmark(library: try DiscoveryOptions.defaultLibrary())
        benchmark.points = 200
        do {
            try benchmark.check(table, file: "t.csv")
            Issue.record("log(x) on [-2, -1] passed the check")
        } catch {
            #expect("\(error)".hasPrefix("t.csv: line 3 (T.2): formula 'log(x)' has no value at x = -"), "\(error)")
        }
        benchmark.points = Int.max / 64
        do {
            try benchmark.check([table[0]], file: "t.csv")
            Issue.record("\(benchmark.points) points passed the memory check")
        } catch {
            #expect("\(error)".hasPrefix("points \(benchmark.points): the data of an equation with 2 variables would need about"), "\(error)")
        }
    }
}
