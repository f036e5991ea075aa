import Foundation
import Symbolic
import Testing
import TestSupport

/// Issue 21: no silent wrong result, no overwritten input. A table of command lines that must be refused before
/// any work (nothing printed on standard output, every file in the folder byte for byte as it was, nothing left
/// in TMPDIR), then runs that must be done right: predictions by column name, standardised results in the data's
/// units, columns named like constants, rows that cannot be predicted.
@Suite("kan: trust")
struct TrustTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    /// `a,b,y` with y = a*b on 40 rows, a and b in 1...5.
    static let data: String = {
        var lines = ["a,b,y"]
        for i in 0..<40 {
            let a = 1 + Double(i % 8) * 0.5, b = 1 + Double((i * 3) % 9) * 0.5
            lines.append("\(a),\(b),\(a * b)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// A discovery result written as `kan discover --save` writes one, for `a*b`.
    static func result(formula: String = "a*b", target: String = "y", r2: String = "1.0", inputs: String = "[\"a\", \"b\"]") -> String {
        """
        {"complexity": 3, "formula": "\(formula)", "inputs": \(inputs), "latex": "a b", "pareto_front": [],
         "seconds": 0.1, "target": "\(target)", "test_r2": \(r2), "test_rmse": 0.0, "tried": [], "variables": \(inputs),
         "input_ranges": [[1, 4.5], [1, 5]]}
        """
    }

    /// A folder with `d.csv`, a model `m.json` trained on it, the result `r.json`, a library `lib.json`, files
    /// of new rows (bad ones too), a link `link.svg` to the data, and a `tmp` folder for TMPDIR.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        let files = [
            "d.csv": data,
            "r.json": result(),
            "r.svg": "not a picture",
            "r-bad-field.json": result(r2: "\"high\""),
            "r-target-input.json": result(target: "a"),
            "r-unknown.json": result(formula: "a*c"),
            "r-covariance.json": String(result(formula: "2.5*a*b").dropLast()) + #", "constants": [{"value": 2.5, "stderr": 0.1}], "constants_covariance": [[-1]]}"#,
            "lib.json": "[]",
            "rows-bad.csv": "a,b\n1,2\n,3\nx,4\n2,2\n",
            "rows-tabs.csv": "a\tb\n1\t2\n",
            "rows-ragged.csv": "a,b\n1,2,9\n2,3\n",
            "rows-semicolons.csv": "a;b\n1;2\n",
            "rows-header.csv": "a,b\n",
            "rows-empty.csv": "",
            "labels-huge.csv": "a,b,y\n" + (0..<20).map { "\($0),1,\($0 == 7 ? "1e19" : "\($0 % 2)")" }.joined(separator: "\n") + "\n",
            "lib-complex.json": #"{"functions": [{"name": "sq", "definition": "x^2", "complexity": 9223372036854775807}]}"#,
        ]
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.svg").path, withDestinationPath: "d.csv")
        let train = try runProcess(kan, ["train", "--data", "d.csv", "--target", "y", "--width", "2,1", "--grid", "3", "--steps", "2",
                                         "--quiet", "--save", "m.json"], in: folder)
        #expect(train.status == 0, "\(train.standardError)")
        // m.json recording a formula sampled at Int.max training points, as an edited checkpoint may.
        var edited = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("m.json"))) as? [String: Any])
        edited["data"] = ["formula": ["expression": "a*b", "variables": ["a", "b"], "ranges": [[1, 5]], "trainCount": Int.max,
                                      "testCount": 10, "seed": 0] as [String: Any]]
        try JSONSerialization.data(withJSONObject: edited).write(to: folder.appendingPathComponent("m-counts.json"))
        return folder
    }

    static let refusals: [([String], String)] = [
        // An output naming an input, or another output.
        (["train", "--data", "d.csv", "--target", "y", "--save", "d.csv"], "--save "),
        (["train", "--data", "./d.csv", "--target", "y", "--save", "out.svg", "--plot-loss", "out.svg"], "--save and --plot-loss name the same file"),
        (["discover", "--data", "d.csv", "--target", "y", "--save", "d.csv"], "is the file --data reads"),
        (["discover", "--data", "d.csv", "--target", "y", "--lib", "lib.json", "--save", "lib.json"], "is the file --lib reads"),
        (["predict", "m.json", "--data", "d.csv", "--output", "d.csv"], "is the file --data reads"),
        (["predict", "m.json", "--data", "d.csv", "--output", "m.json"], "--output "),
        (["predict", "r.json", "--data", "d.csv", "--output", "r.json"], "--output "),
        (["refine", "m.json", "--grid", "4", "--save", "d.csv"], "is the file --data reads"),
        (["prune", "m.json", "--save", "d.csv"], "is the file --data reads"),
        (["distill", "m.json", "--save", "d.csv"], "is the file --data reads"),
        (["train", "--from", "m.json", "--steps", "1", "--save", "d.csv"], "is the file --data reads"),
        // An existing file of another kind is not replaced, links followed.
        (["demo", "--save", "d.csv"], "--save d.csv: the file exists and is not a checkpoint (it starts 'a,b,y')"),
        (["plot", "m.json", "-o", "link.svg"], "--output link.svg is the file --data reads"),
        (["plot", "m.json", "-o", "r.svg"], "--output r.svg: the file exists and is not a plot"),
        (["train", "--function", "x1*x2", "--train-num", "20", "--test-num", "5", "--save", "r.json"], "the file exists and is not a checkpoint"),
        // Outputs refused before training, not after.
        (["train", "--data", "d.csv", "--target", "y", "--plot-loss", "loss.txt"], "loss.txt: unsupported plot format (use .svg, .png or .pdf)"),
        // kan discover --plot: checked before the search, as --save is.
        (["discover", "--data", "d.csv", "--target", "y", "--plot", "out.txt"], "error: --plot out.txt: unsupported plot format (use .svg, .png or .pdf)"),
        (["discover", "--data", "d.csv", "--target", "y", "--plot", "link.svg"], "--plot link.svg is the file --data reads"),
        (["discover", "--data", "d.csv", "--target", "y", "--plot", "r.svg"], "--plot r.svg: the file exists and is not a plot"),
        (["discover", "--data", "d.csv", "--target", "y", "--save", "out.svg", "--plot", "out.svg"], "--save and --plot name the same file"),
        (["train", "--data", "d.csv", "--target", "y", "--save", "no/such/folder/m.json"], "cannot use its folder"),
        // Options the data source would ignore.
        (["discover", "--function", "x1*x2", "--target", "y"], "--target applies to --data; --function samples its own variables: leave it out"),
        (["discover", "--function", "x1*x2", "--inputs", "x1"], "--inputs applies to --data"),
        (["train", "--function", "x1*x2", "--standardize"], "--standardize applies to --data"),
        (["train", "--data", "d.csv", "--target", "y", "--ranges", "0,1"], "--ranges applies to --function; --data reads its rows from the file"),
        (["train", "--data", "d.csv", "--target", "y", "--train-num", "50"], "--train-num applies to --function"),
        (["refine", "m.json", "--grid", "4", "--target", "y"], "--target describes --data or --function, but m.json uses the data saved with it"),
        (["train", "--from", "m.json", "--data-seed", "3"], "--data-seed describes --data or --function, but m.json uses the data saved with it"),
        (["compare", "--mnist", "../shared/data/mnist01", "--test-fraction", "0.5"], "--test-fraction describes --data or --function; --mnist reads the IDX files' own split"),
        // Seeds: a negative number is a bad value, not a missing one.
        (["discover", "--function", "x1", "--seed", "-5"], "'--seed <seed>': expected a whole number from 0 to 18446744073709551615"),
        (["train", "--function", "x1", "--data-seed", "-1"], "'--data-seed <data-seed>': expected a whole number from 0"),
        // Memory estimated before sampling.
        (["train", "--function", "x1*x2", "--train-num", "100000000000"], "--train-num, --test-num: 100000001000 points of 3 values would need about"),
        (["train", "--function", "x1*x2", "--train-num", "9223372036854775807"], "--train-num, --test-num: 9223372036854775807 points of 3 values would need about"),
        // Sizes past Int.max once added up: refused with the estimate, not trapped on the overflow.
        (["train", "--function", "x1*x2", "--grid", "9223372036854775807"], "--grid: this model would need about"),
        (["refine", "m.json", "--grid", "9223372036854775807"], "--grid: this model would need about"),
        (["train", "--function", "x1*x2", "--width", "2,9223372036854775807,1"], "this model would need about"),
        (["train", "--function", "x1*x2", "--width", "2,[9223372036854775807,1],1"], "is more than any model can hold (at most 16777216 multiplication nodes per layer)"),
        (["train", "--function", "x1*x2", "--width", "2,[1,99999999999],1"], "at most 16777216 multiplication nodes per layer"),
        (["train", "--function", "x1*x2", "--width", "2,[1,1],1", "--mult-arity", "9223372036854775807"], "a multiplication node multiplies 2 to 16 subnodes"),
        // A checkpoint's recorded sampling checked as --train-num is (the sum trapped; every command loading it crashed).
        (["prune", "m-counts.json"], "m-counts.json: the data saved with the model cannot be loaded: invalid sampling = 9223372036854775807 train and 10 test points: 9223372036854775807 points of 3 values would need about"),
        (["refine", "m-counts.json", "--grid", "4"], "the data saved with the model cannot be loaded"),
        // Cross-entropy labels that are not class indices (1e19 trapped converting to Int).
        (["train", "--data", "labels-huge.csv", "--target", "y", "--loss", "ce"], "invalid label = 1e+19 in column 'y'"),
        (["train", "--data", "d.csv", "--target", "y", "--loss", "ce"], "cross-entropy (--loss ce) needs class indices, whole numbers from 0 to 99999"),
        // A library entry's complexity past the bound (its sum trapped discovery).
        (["discover", "--data", "d.csv", "--target", "y", "--lib", "lib-complex.json"], "entry 'sq': 'complexity' is 9223372036854775807; expected a whole number from 0 to 1000"),
        // Discovery results read as what they are.
        (["predict", "r-bad-field.json", "--data", "d.csv"], "r-bad-field.json: it is JSON, but not a discovery result (kan discover --save): at test_r2"),
        (["predict", "r-target-input.json", "--data", "d.csv"], "the target 'a' is also among 'inputs'"),
        (["predict", "r-unknown.json", "--data", "d.csv"], "its formula uses 'c', which is not among 'variables'"),
        (["predict", "r-covariance.json", "--data", "d.csv", "--stderr"], "the constants' covariance is not a covariance: its diagonal entry [0][0] is -1.0, a negative variance"),
        (["predict", "lib.json", "--data", "d.csv"], "it is JSON, but not a checkpoint (kan train --save) or a discovery result"),
        // New rows: every bad row named once, by its line; separators and empty files explained.
        (["predict", "r.json", "--data", "rows-bad.csv"], "rows-bad.csv: 2 of 4 data rows cannot be predicted (line 3: column 'a' is empty; line 4: column 'a': 'x' is not a finite number); correct them, or give --skip-invalid"),
        (["predict", "m.json", "--data", "rows-tabs.csv"], "which looks separated by tabs"),
        // A ragged row, even with the columns asked for in it (it was predicted from shifted fields).
        (["predict", "r.json", "--data", "rows-ragged.csv"], "rows-ragged.csv: 1 of 2 data rows cannot be predicted (line 2: 3 fields, the header has 2)"),
        (["predict", "m.json", "--data", "rows-semicolons.csv"], "which looks separated by semicolons"),
        (["predict", "r.json", "--data", "rows-header.csv"], "rows-header.csv: the header has no data rows under it"),
        (["predict", "r.json", "--data", "rows-empty.csv"], "rows-empty.csv: the file is empty; expected a header row naming the columns a, b"),
        (["train", "--data", "rows-semicolons.csv", "--target", "b"], "which looks separated by semicolons"),
        // Names that are not variables.
        (["expr", "eval", "x+1", "--at", "x=1,y=2"], "--at: y is not a variable of 'x+1' (its variables: x)"),
    ]

    @Test("refused before any work, naming what and why; every file stays as it was", arguments: refusals)
    func refused(arguments: [String], fragment: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.snapshot(folder)
        let result = try runProcess(Self.kan, arguments, in: folder, environment: ["TMPDIR": folder.appendingPathComponent("tmp").path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty, "work was done: \(result.standardOutput.excerpt(limit: 300))")
        #expect(result.standardError.contains(fragment), "\(result.standardError.excerpt(limit: 500))")
        #expect(try Self.snapshot(folder) == before)
    }

    /// Every file's name and bytes (links by their destination), the `tmp` folder's too.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let path = folder.appendingPathComponent(name).path
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                files[name] = Data(destination.utf8)
            } else {
                files[name] = FileManager.default.contents(atPath: path) ?? Data()
            }
        }
        return files
    }

    static func values(_ csv: String) -> [Double?] {
        csv.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map { Double($0) }
    }

    @Test("a checkpoint predicts by column name in any column order, without its training data, with a note where it extrapolates")
    func predictsByName() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a,b\n2,3\n1.5,4\n".write(to: folder.appendingPathComponent("ab.csv"), atomically: true, encoding: .utf8)
        try "b,extra,a\n3,9,2\n4,9,1.5\n".write(to: folder.appendingPathComponent("ba.csv"), atomically: true, encoding: .utf8)
        let inOrder = try runProcess(Self.kan, ["predict", "m.json", "--data", "ab.csv"], in: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("d.csv"))
        let reordered = try runProcess(Self.kan, ["predict", "m.json", "--data", "ba.csv"], in: folder)
        #expect(inOrder.status == 0 && reordered.status == 0, "\(inOrder.standardError) \(reordered.standardError)")
        #expect(inOrder.standardOutput.hasPrefix("y\n"))
        #expect(reordered.standardOutput == inOrder.standardOutput)
        #expect(Self.values(inOrder.standardOutput).count == 2)
        #expect(!inOrder.standardError.contains("extrapolate"))

        try "a,b\n2,3\n9,4\n".write(to: folder.appendingPathComponent("far.csv"), atomically: true, encoding: .utf8)
        let far = try runProcess(Self.kan, ["predict", "m.json", "--data", "far.csv"], in: folder)
        #expect(far.status == 0)
        #expect(far.standardError.contains("note: far.csv: 1 of 2 data rows lie outside the range of the data it was fitted on, so their predictions extrapolate (lines 3; 'a' 9...9 against 1...4.5)"), "\(far.standardError)")
    }

    @Test("--skip-invalid leaves the predictions of unreadable rows empty, one line per data row, with a note")
    func skipsInvalidRows() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runProcess(Self.kan, ["predict", "r.json", "--data", "rows-bad.csv", "--skip-invalid", "--output", "p.csv"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("2 of 4 data rows cannot be predicted"))
        #expect(try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8) == "y\n2.0\n\n\n4.0\n")
    }

    /// Writes `u,v,y` with y = 3u - 2v + 5 on 200 rows far from 0 (u in 10...21, v in -3...1.8), where
    /// standardising changes every constant; returns the lines written.
    static func writeLinearData(to url: URL) throws -> [String] {
        var lines = ["u,v,y"]
        for i in 0..<200 {
            let u = 10 + Double(i % 17) * 0.7, v = -3 + Double((i * 7) % 13) * 0.4
            lines.append("\(u),\(v),\(3 * u - 2 * v + 5)")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return lines
    }

    @Test("discover --standardize saves a formula in the data's own units: predict reproduces the targets")
    func standardizedResultPredictsInDataUnits() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = try Self.writeLinearData(to: folder.appendingPathComponent("lin.csv"))
        let discover = try runProcess(Self.kan, ["discover", "--data", "lin.csv", "--target", "y", "--standardize", "--time-limit", "20",
                                                 "--quiet", "--save", "lin.json"], in: folder)
        #expect(discover.status == 0, "\(discover.standardError)")
        let predict = try runProcess(Self.kan, ["predict", "lin.json", "--data", "lin.csv"], in: folder)
        #expect(predict.status == 0, "\(predict.standardError)")
        let predicted = Self.values(predict.standardOutput).map { $0 ?? .nan }
        let truth = lines.dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(predicted.count == truth.count)
        let worst = zip(predicted, truth).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-3, "largest miss \(worst); \(discover.standardOutput)")
    }

    @Test("--standardize on a column of values near 1e300 (their squares overflow): trained, saved and predicted, not trapped on a NaN input range")
    func standardizedHugeColumn() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<40).map { i in "\(Double(1 + i % 8) * 1e300),\(1 + Double(i % 5)),\(Double(1 + i % 8) * (1 + Double(i % 5)))" }
        try (["a,b,y"] + rows).joined(separator: "\n").appending("\n").write(to: folder.appendingPathComponent("huge.csv"), atomically: true, encoding: .utf8)
        let train = try runProcess(Self.kan, ["train", "--data", "huge.csv", "--target", "y", "--standardize", "--width", "2,1", "--steps", "2",
                                              "--quiet", "--save", "huge.json"], in: folder)
        #expect(train.status == 0, "\(train.standardError)")
        let predict = try runProcess(Self.kan, ["predict", "huge.json", "--data", "huge.csv"], in: folder)
        #expect(predict.status == 0, "\(predict.standardError)")
        #expect(Self.values(predict.standardOutput).count == 40)
    }

    @Test("kan distill of a model trained on standardised inputs prints its formula in the data's own units")
    func standardizedModelDistillsInDataUnits() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = try Self.writeLinearData(to: folder.appendingPathComponent("lin.csv"))
        let train = try runProcess(Self.kan, ["train", "--data", "lin.csv", "--target", "y", "--standardize", "--width", "2,1", "--grid", "3",
                                              "--steps", "20", "--quiet", "--save", "lin.json"], in: folder)
        #expect(train.status == 0, "\(train.standardError)")
        let distill = try runProcess(Self.kan, ["distill", "lin.json", "--lib-names", "x,x^2"], in: folder)
        #expect(distill.status == 0, "\(distill.standardError)")
        let text = try #require(distill.standardOutput.split(separator: "\n").first { $0.hasPrefix("formula: ") }).dropFirst(9)
        let formula = try Expr(parsing: String(text))
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",").map { Double($0)! }
            let value = try formula.evaluate(at: ["u": fields[0], "v": fields[1]])
            #expect(abs(value - fields[2]) < 0.05 * abs(fields[2]), "\(text) at \(line)")
        }
    }

    @Test("columns named pi and e are variables: the law comes back in them, the renaming is noted, predict reads them")
    func constantLikeColumns() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = ["pi,e,y"]
        for i in 0..<200 {
            let p = 1 + Double(i % 19) * 0.2, e = 1 + Double((i * 7) % 11) * 0.35
            lines.append("\(p),\(e),\(p * e * e)")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("pe.csv"), atomically: true, encoding: .utf8)
        let discover = try runProcess(Self.kan, ["discover", "--data", "pe.csv", "--target", "y", "--time-limit", "20", "--save", "pe.json"], in: folder)
        #expect(discover.status == 0, "\(discover.standardError)")
        #expect(discover.standardOutput.contains("formula: e_1**2*pi_1"), "\(discover.standardOutput)")
        #expect(discover.standardError.contains("note: column 'pi' is the variable pi_1 in formulas (pi is a constant)"))
        #expect(discover.standardError.contains("note: column 'e' is the variable e_1 in formulas (e is a constant)"))
        let predict = try runProcess(Self.kan, ["predict", "pe.json", "--data", "pe.csv"], in: folder)
        let predicted = Self.values(predict.standardOutput).map { $0 ?? .nan }
        let truth = lines.dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(zip(predicted, truth).allSatisfy { abs($0 - $1) <= 1e-9 * abs($1) }, "\(predict.standardError)")
    }

    @Test("a name given a value by --at is a variable, even E or pi; unbound, they are the constants")
    func boundNamesAreVariables() throws {
        for (expression, point, expected) in [("E*x", "E=2,x=3", "6.0"), ("pi + e", "pi=1,e=2", "3.0"), ("E", "", "2.718281828459045")] {
            let result = try runProcess(Self.kan, ["expr", "eval", expression] + (point.isEmpty ? [] : ["--at", point]))
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == expected + "\n", "\(expression) at \(point)")
        }
    }
}
