import Foundation
import Testing
import TestSupport

/// Bad option values, a table of (command line, message, exit status 1): every numeric option refuses NaN,
/// infinity and values out of its range where it is parsed, lists refuse empty and repeated items, and options that
/// would be ignored are refused. The run writes nothing: the folder and TMPDIR stay as they were.
@Suite("kan: option values")
struct OptionValidationTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    /// A folder holding a small saved model `m.json` (trained on x1*x2) and a `tmp` folder for TMPDIR.
    static func folderWithModel() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        let train = try runProcess(kan, ["train", "--function", "x1*x2", "--width", "2,1", "--grid", "3", "--steps", "1",
                                         "--train-num", "30", "--test-num", "10", "--quiet", "--save", "m.json"], in: folder)
        #expect(train.status == 0, "\(train.standardError)")
        return folder
    }

    static let function = ["--function", "x1*x2", "--train-num", "30", "--test-num", "10"]
    static let huge = String(repeating: "q", count: 100_000)

    static let cases: [([String], String)] = [
        // NaN and infinity, for every kind of number option.
        (["train"] + function + ["--lamb", "nan"], "The value 'nan' is invalid for '--lamb <lamb>': expected a finite number >= 0"),
        (["train"] + function + ["--lr", "inf"], "The value 'inf' is invalid for '--lr <lr>': expected a finite number > 0"),
        (["train"] + function + ["--lamb-l1", "-inf"], "'--lamb-l1 <lamb-l1>': expected a finite number >= 0"),
        (["train"] + function + ["--lamb-entropy", "nan"], "'--lamb-entropy <lamb-entropy>': expected a finite number >= 0"),
        (["train"] + function + ["--lamb-coef", "nan"], "'--lamb-coef <lamb-coef>'"),
        (["train"] + function + ["--lamb-coefdiff", "infinity"], "'--lamb-coefdiff <lamb-coefdiff>'"),
        (["distill", "m.json", "--weight-simple", "nan"], "'--weight-simple <weight-simple>': expected a number from 0 to 1"),
        (["distill", "m.json", "--r2-threshold", "nan"], "'--r2-threshold <r2-threshold>': expected a finite number <= 1"),
        (["suggest", "m.json", "--edge", "0,0,0", "--weight-simple", "1.5"], "'--weight-simple <weight-simple>': expected a number from 0 to 1"),
        (["plot", "m.json", "-o", "net.svg", "--beta", "nan"], "'--beta <beta>': expected a finite number >= 0"),
        (["prune", "m.json", "--node-th", "nan"], "'--node-th <node-th>': expected a finite number >= 0"),
        (["prune", "m.json", "--edge-th=-1"], "'--edge-th <edge-th>': expected a finite number >= 0"),
        (["discover", "--function", "x1", "--time-limit", "nan"], "'--time-limit <time-limit>': expected a number from 0.01 to 10000000"),
        (["discover", "--function", "x1", "--time-limit", "1e300"], "'--time-limit <time-limit>': expected a number from 0.01 to 10000000"),
        (["bench", "feynman", "--equations", "t.csv", "--noise", "nan"], "'--noise <noise>': expected a finite number >= 0"),
        (["compare", "--function", "x1*x2", "--lr", "nan"], "'--lr <lr>': expected a finite number > 0"),
        (["train", "--data", "d.csv", "--target", "y", "--test-fraction", "1"], "'--test-fraction <test-fraction>': expected a number between 0 and 1"),
        // Negative or zero where meaningless, and ranges.
        (["train"] + function + ["--lamb=-1"], "The value '-1' is invalid for '--lamb <lamb>'"),
        (["train"] + function + ["--lr", "0"], "The value '0' is invalid for '--lr <lr>': expected a finite number > 0"),
        (["train"] + function + ["--opt", "adam", "--lr", "-0.1"], "The value '-0.1' is invalid for '--lr <lr>'"),
        (["train"] + function + ["--batch", "0"], "'--batch <batch>': expected -1 (all rows) or a whole number of rows >= 1"),
        (["train"] + function + ["--steps=-1"], "The value '-1' is invalid for '--steps <steps>': expected a whole number >= 0"),
        (["train"] + function + ["--grid", "-3"], "The value '-3' is invalid for '--grid <grid>': expected a whole number >= 1"),
        (["train"] + function + ["--grid", "0"], "The value '0' is invalid for '--grid <grid>'"),
        (["train"] + function + ["--k", "11"], "The value '11' is invalid for '--k <k>': expected a whole number from 0 to 10"),
        (["train"] + function + ["--train-num", "0"], "'--train-num <train-num>': expected a whole number >= 1"),
        (["train", "--function", "x1", "--vars", "-2"], "'--vars <vars>'"),
        (["distill", "m.json", "--steps=-1"], "The value '-1' is invalid for '--steps <steps>'"),
        (["distill", "m.json", "--round", "16"], "'--round <round>': expected a whole number from 1 to 15"),
        (["suggest", "m.json", "--edge", "0,0,0", "--topk=-2"], "The value '-2' is invalid for '--topk <topk>': expected a whole number >= 1"),
        (["refine", "m.json", "--grid", "-3"], "The value '-3' is invalid for '--grid <grid>'"),
        (["compare", "--function", "x1*x2", "--batch", "0"], "'--batch <batch>': expected a whole number >= 1"),
        (["compare", "--function", "x1*x2", "--epochs=-1"], "'--epochs <epochs>'"),
        (["bench", "feynman", "--equations", "t.csv", "--points", "2"], "'--points <points>': expected a whole number >= 8"),
        (["expr", "simplify", "3.14159*x", "--round", "10000000000"], "'--round <round>': expected a whole number from 1 to 17"),
        (["expr", "simplify", "3.14159*x", "--round", "1e9"], "'--round <round>': expected a whole number from 1 to 17"),
        (["expr", "eval", "x", "--at", "x=1", "--round", "0"], "'--round <round>'"),
        // Sizes whose memory is estimated before anything is allocated (both asked for 80 GB and aborted).
        (["train", "--function", "x1*x2", "--grid", "100000", "--width", "2,1,1", "--steps", "1"], "--grid: this model would need about 320"),
        (["refine", "m.json", "--grid", "100000"], "--grid: this model would need about"),
        (["train"] + function + ["--width", "2,10000000,1"], "--width: this model would need about"),
        // Grids whose least-squares fits would take minutes (--grid 10000 on [2,1,1] ran for many minutes).
        (["train", "--function", "x1*x2", "--grid", "10000", "--width", "2,1,1", "--steps", "1"], "--grid 10000: fitting 3 edges of 10003 spline coefficients each by least squares would take about 25 minutes per grid update (n^3 per edge); use --grid 3416 or less"),
        (["refine", "m.json", "--grid", "12000"], "--grid 12000: fitting 2 edges of 12003 spline coefficients each"),
        (["compare", "--function", "x1*x2", "--grid", "9000"], "--grid 9000: fitting"),
        // Lists: empty and repeated items.
        (["compare", "--function", "x1*x2", "--mlp-width", "2,,1"], "--mlp-width '2,,1': item 2 of 3 is empty"),
        (["train"] + function + ["--width", "2,,1"], "--width: invalid width = 2,,1"),
        (["train"] + function + ["--ranges", "-1,1,"], "--ranges '-1,1,': item 3 of 3 is empty"),
        (["train"] + function + ["--ranges", "nan,1"], "--ranges: expected LOW,HIGH, finite numbers with LOW < HIGH"),
        (["train"] + function + ["--ranges=-inf,1"], "--ranges: expected LOW,HIGH, finite numbers with LOW < HIGH"),
        (["train"] + function + ["--ranges=-1e308,1e308"], "--ranges: '-1e308,1e308' is wider than a Double can hold (HIGH - LOW overflows); narrow it"),
        (["train"] + function + ["--ranges", "1,abc,2"], "--ranges: expected LOW,HIGH, finite numbers with LOW < HIGH, got '1,abc,2'"),
        (["train", "--data", "d.csv", "--target", "y", "--inputs", "a,a"], "--inputs 'a,a': 'a' is given twice"),
        (["expr", "eval", "x+1", "--at", "x=1,x=2"], "--at: x is given twice"),
        (["expr", "eval", "x+1", "--at", "x=1,"], "--at 'x=1,': item 2 of 2 is empty"),
        (["expr", "swift", "x+y", "--vars", "x,y,x"], "--vars 'x,y,x': 'x' is given twice"),
        (["expr", "swift", "x^2", "--name", "sin"], "--name 'sin': the printed code calls the math function sin; choose another name"),
        (["expr", "swift", "x^2", "--name", "1bad"], "--name '1bad': expected a Swift name"),
        (["suggest", "m.json", "--edge", "-1,0,0"], "there is no edge (-1,0,0) in a model of width"),
        (["train", "--function", "x1*x2", "--width", "2,[1,1],1", "--mult-arity", "1"], "--mult-arity: invalid mult_arity = 1: a multiplication node multiplies 2 to 16 subnodes, not 1"),
        (["suggest", "m.json", "--edge", "0,,0,0"], "The value '0,,0,0' is invalid for '--edge <edge>'"),
        // Options that would be ignored.
        (["train", "--from", "m.json", "--width", "2,3,1", "--grid", "4", "--k", "2"], "leave out --width, --grid, --k"),
        (["train", "--from", "m.json", "--seed", "3"], "leave out --seed"),
        (["compare", "--mnist", "mnist", "--data", "f.csv", "--target", "y"], "give either --mnist FOLDER or --data/--function, not both"),
        (["compare", "--function", "x1*x2", "--train-limit", "10"], "--train-limit applies to --mnist images only"),
        (["distill", "m.json", "--lib-names", "x,x,sin"], "--lib-names 'x,x,sin': 'x' is given twice"),
        // A huge value is quoted as an excerpt, whichever message quotes it (a 2 MB field was echoed whole).
        (["distill", "m.json", "--lib-names", huge], "no function '\(huge.prefix(59))... (100002 characters)"),
        (["train"] + function + ["--width", huge], "--width: invalid width = \(huge.prefix(60))... (100001 characters)"),
        (["train"] + function + ["--ranges", huge], "(100002 characters)"),
        (["expr", "eval", "x", "--at", "x=" + huge], "(100002 characters)"),
        (["suggest", "m.json", "--edge", huge], "The value '\(huge.prefix(59))... (100002 characters) is invalid for '--edge <edge>'"),
        (["train", "--opt", huge], "(100002 characters) is invalid for '--opt <opt>'"),
        (["plot", "m.json", "-o", huge + ".svg"], "(100005 characters) cannot inspect it: File name too long"),
        (["distill", "m.json", "--lib-names", String(repeating: "y ", count: 50_000)], "characters in all)"),
    ]

    @Test("a bad value is refused with a message naming the option and what is valid; nothing is written", arguments: cases)
    func refused(arguments: [String], fragment: String) throws {
        let folder = try Self.folderWithModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Data(contentsOf: folder.appendingPathComponent("m.json"))
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let scratch = folder.appendingPathComponent("tmp").path
        let result = try runProcess(Self.kan, arguments + (arguments[0] == "train" ? ["--save", "out.json"] : []), in: folder,
                                    environment: ["TMPDIR": scratch])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(fragment), "\(result.standardError.excerpt(limit: 500))")
        #expect(result.standardError.count < 5_000, "a value is echoed whole")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        #expect(try Data(contentsOf: folder.appendingPathComponent("m.json")) == model)
    }

    @Test("a grid with more coefficients than training rows runs, as in pykan, with a note that its fit is underdetermined")
    func underdeterminedGrid() throws {
        let folder = try Self.folderWithModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runProcess(Self.kan, ["refine", "m.json", "--grid", "40", "--save", "m40.json"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("note: --grid 40: each edge has 43 spline coefficients (grid + k) for 30 training rows"))
    }
}

