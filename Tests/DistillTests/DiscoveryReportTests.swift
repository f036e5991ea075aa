import Datasets
import Distill
import Foundation
import Optimization
import Symbolic
import Testing
import TestSupport

/// `DiscoveryReport`: what `kan discover --json` prints and `kan predict` reads back. Built from a real discovery
/// run on a small table (force = mass * acceleration, with column names that are not formula variables), checked
/// against the data and the run; its JSON keys and round trip; what `inconsistency()` refuses; `expression()`.
@Suite("Discovery report: from a run, JSON, consistency")
struct DiscoveryReportTests {
    /// Inputs `mass (kg)` and `accel` uniform in [1, 3], target `force = mass * accel`: 100 training, 40 test rows.
    static func forceTable() throws -> Dataset {
        var random = SeededRandom(seed: 21)
        func rows(_ count: Int) -> [[Double]] { (0..<count).map { _ in [random.uniform(1, 3), random.uniform(1, 3)] } }
        let train = rows(100), test = rows(40)
        return try Dataset(trainInputs: Matrix(train), trainLabels: Matrix(train.map { [$0[0] * $0[1]] }),
                           testInputs: Matrix(test), testLabels: Matrix(test.map { [$0[0] * $0[1]] }),
                           inputNames: ["mass (kg)", "accel"], outputNames: ["force"])
    }

    /// A report as a hand-edited file might hold it: two inputs `a`, `b` and the formula `a*b + 1`.
    static func handMade() -> DiscoveryReport {
        let json = """
        {"formula": "a*b + 1", "latex": "a b + 1", "test_r2": 0.5, "test_rmse": 0.25, "complexity": 5,
         "pareto_front": [{"complexity": 1, "test_rmse": 2, "formula": "a"}, {"complexity": 5, "test_rmse": 0.25, "formula": "a*b + 1"}],
         "inputs": ["col a", "col b"], "variables": ["a", "b"], "target": "t", "tried": ["power law: a*b + 1"],
         "seconds": 1.5, "input_ranges": [[0, 1], [-2, 3]]}
        """
        return try! JSONDecoder().decode(DiscoveryReport.self, from: Data(json.utf8))
    }

    @Test("a report of a real run: the data's names, the chosen formula and its test errors as the data give them, the front, the input ranges")
    func fromRun() throws {
        let data = try Self.forceTable()
        let result = try Discoverer.discover(data, options: DiscoveryOptions(timeLimit: 5, library: try DiscoveryOptions.defaultLibrary(),
                                                                             threads: 1))
        let chosen = try #require(result.chosen, "tried: \(result.tried)")
        let report = try #require(DiscoveryReport(result, data: data))

        #expect(report.inputs == ["mass (kg)", "accel"])
        #expect(report.target == "force")
        #expect(report.variables == result.variables)
        #expect(report.variables.count == 2 && report.variables[1] == "accel" && report.variables[0] != "mass (kg)",
                "a column name that is no variable gets a variable name: \(report.variables)")
        #expect(report.inconsistency() == nil, "\(report.inconsistency() ?? "")")

        // The formula, parsed back, computes force from the test rows, with the errors the report states.
        let formula = try report.expression()
        let predictions = try formula.evaluate(rows: (0..<data.testInputs.rows).map { data.testInputs.row($0) }, variables: report.variables)
        let targets = data.testLabels.values
        let rmse = (zip(predictions, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(targets.count)).squareRoot()
        let mean = targets.reduce(0, +) / Double(targets.count)
        let r2 = 1 - zip(predictions, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            / targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        #expect(abs(report.testRMSE - rmse) <= 1e-9, "reported \(report.testRMSE), recomputed \(rmse) for \(report.formula)")
        #expect(abs(report.testR2 - r2) <= 1e-9, "reported \(report.testR2), recomputed \(r2) for \(report.formula)")
        // The law itself is found (the power law in log space fits it exactly).
        #expect(rmse < 1e-9, "\(report.formula): test RMSE \(rmse); tried \(result.tried)")
        #expect(report.complexity == chosen.complexity)
        #expect(report.formula == PlainTextPrinter().print(chosen.formula))
        #expect(!report.latex.isEmpty)

        // The front, member by member, simplest first, and what was tried.
        #expect(report.paretoFront.map(\.complexity) == result.front.candidates.map(\.complexity))
        #expect(report.paretoFront.map(\.testRMSE) == result.front.candidates.map(\.testRMSE))
        #expect(report.paretoFront.contains { $0.formula == report.formula })
        #expect(report.tried == result.tried && !report.tried.isEmpty)
        #expect(report.seconds == result.seconds && report.seconds > 0)

        // The figure's values: every test row measured and predicted (the law is exact, defined on all of them).
        let (measured, predicted) = result.testPredictions(on: data)
        #expect(measured == targets)
        #expect(zip(measured, predicted).allSatisfy { abs($0 - $1) < 1e-9 }, "\(predicted)")

        // Each input's smallest and largest value over training and test rows.
        let ranges = try #require(report.inputRanges)
        for column in 0..<2 {
            let values = data.trainInputs.column(column) + data.testInputs.column(column)
            #expect(ranges[column] == values.min()!...values.max()!)
        }
        #expect(report.units == nil && report.assumedPositive == nil)

        // The JSON holds the documented keys and reads back as the same report.
        let encoded = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(Set(object.keys) == ["formula", "latex", "test_r2", "test_rmse", "complexity", "pareto_front", "inputs", "variables",
                                     "target", "tried", "seconds", "input_ranges"])
        #expect(try JSONDecoder().decode(DiscoveryReport.self, from: encoded) == report)
    }

    @Test("every documented key, units and assumed_positive included, survives a round trip; a report without the later keys still reads")
    func jsonKeys() throws {
        var report = Self.handMade()
        #expect(report.inputRanges == [0...1, -2...3])
        #expect(report.paretoFront.map(\.complexity) == [1, 5] && report.paretoFront.map(\.testRMSE) == [2, 0.25])
        #expect(report.paretoFront.map(\.formula) == ["a", "a*b + 1"])
        report.units = "t/(a*b) = f()"
        report.assumedPositive = ["a"]
        let encoded = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(Set(object.keys) == ["formula", "latex", "test_r2", "test_rmse", "complexity", "pareto_front", "inputs", "variables",
                                     "target", "tried", "seconds", "input_ranges", "units", "assumed_positive"])
        #expect(object["test_r2"] as? Double == 0.5)
        #expect(object["assumed_positive"] as? [String] == ["a"])
        #expect(object["input_ranges"] as? [[Double]] == [[0, 1], [-2, 3]])
        let front = try #require(object["pareto_front"] as? [[String: Any]])
        #expect(front.count == 2 && Set(front[0].keys) == ["complexity", "test_rmse", "formula"])
        #expect(try JSONDecoder().decode(DiscoveryReport.self, from: encoded) == report)

        // Saved before input_ranges, units and assumed_positive were recorded.
        let old = """
        {"formula": "x", "latex": "x", "test_r2": 1, "test_rmse": 0, "complexity": 1, "pareto_front": [],
         "inputs": ["x"], "variables": ["x"], "target": "y", "tried": [], "seconds": 0}
        """
        let decoded = try JSONDecoder().decode(DiscoveryReport.self, from: Data(old.utf8))
        #expect(decoded.inputRanges == nil && decoded.units == nil && decoded.assumedPositive == nil)
        #expect(decoded.inconsistency() == nil)
        // A documented key missing is an error, not a default.
        let missing = old.replacingOccurrences(of: "\"target\": \"y\", ", with: "")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DiscoveryReport.self, from: Data(missing.utf8)) }
        // A range with low > high does not read (so no report holds one).
        let reversed = old.replacingOccurrences(of: "\"seconds\": 0}", with: "\"seconds\": 0, \"input_ranges\": [[3, 1]]}")
        #expect(reversed != old)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DiscoveryReport.self, from: Data(reversed.utf8)) }
    }

    @Test("expression(): the formula parsed with the report's variables, which stay variables even where they spell a constant")
    func expressionParsing() throws {
        let report = Self.handMade()
        let formula = try report.expression()
        #expect(try formula.evaluate(at: ["a": 2, "b": 3]) == 7)

        var constants = report
        constants.inputs = ["pi", "x"]
        constants.variables = ["pi", "x"]
        constants.formula = "2*pi*x"
        let parsed = try constants.expression()
        #expect(Set(parsed.variables) == ["pi", "x"])
        // pi is the first input's value here, not 3.14159...
        #expect(try parsed.evaluate(at: ["pi": 1, "x": 3]) == 6)
        // Without the report's variables, pi is the constant.
        #expect(try Expr(parsing: "2*pi*x").evaluate(at: ["x": 3]) == 6 * Double.pi)

        var broken = report
        broken.formula = "a*(b"
        #expect(throws: ParseError.self) { try broken.expression() }
    }

    @Test("inconsistency(): each way a hand-edited report is unusable for predictions is named")
    func inconsistencies() {
        let good = Self.handMade()
        #expect(good.inconsistency() == nil)

        func problem(_ edit: (inout DiscoveryReport) -> Void) -> String? {
            var report = good
            edit(&report)
            return report.inconsistency()
        }
        let cases: [(String, (inout DiscoveryReport) -> Void, String)] = [
            ("a variable missing", { $0.variables = ["a"] },
             "'inputs' has 2 names and 'variables' 1; expected one variable per input"),
            ("an input twice", { $0.inputs = ["col a", "col a"] }, "'col a' appears twice in 'inputs'"),
            ("a variable twice", { $0.variables = ["a", "a"]; $0.formula = "a + 1" }, "'a' appears twice in 'variables'"),
            ("the target among the inputs", { $0.target = "col b" },
             "the target 'col b' is also among 'inputs'; a column cannot predict itself"),
            ("a formula that does not parse", { $0.formula = "a*(b" }, "its formula 'a*(b' does not parse: "),
            ("a formula with another variable", { $0.formula = "a*c" }, "its formula uses 'c', which is not among 'variables' (a, b)"),
            ("too few ranges", { $0.inputRanges = [0...1] }, "'input_ranges' has 1 ranges for 2 inputs"),
        ]
        for (what, edit, expected) in cases {
            let found = problem(edit)
            #expect(found?.hasPrefix(expected) == true, "\(what): \(found ?? "nil")")
        }
        // A formula that uses fewer variables than the report has, and a report without ranges, are fine.
        #expect(problem { $0.formula = "2*b" } == nil)
        #expect(problem { $0.inputRanges = nil } == nil)
    }

    @Test("the report's text: its lines in kan discover's order, the optional ones only when present, the front as a table")
    func text() throws {
        var report = Self.handMade()
        let expected = ["formula: a*b + 1", "latex: a b + 1", "test_r2: 0.5", "test_rmse: 0.25", "complexity: 5", "pareto front:",
                        "complexity  test_rmse  formula", "1           2          a      ", "5           0.25       a*b + 1",
                        "tried 1 trials in 1.5 s"]
        #expect(report.text == expected.map { $0 + "\n" }.joined())
        report.constants = [FittedConstant(value: 1.37231, stderr: 0.00432)]
        report.units = "t/a = f(b)"
        report.weights = "column 'w' (relative weights)"
        report.assumedPositive = ["a", "b"]
        let lines = report.text.split(separator: "\n").map(String.init)
        try #require(lines.count == 14, "\(lines)")
        #expect(Array(lines[5...8]) == ["constants: 1.3723 ± 0.0043", "units: t/a = f(b)", "weights: column 'w' (relative weights)",
                                        "assuming: a, b > 0 (as the data show)"])
        #expect(lines[9] == "pareto front:")
    }
}
