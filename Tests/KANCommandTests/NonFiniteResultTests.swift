import Foundation
import Testing
import TestSupport

/// NaN and infinity are never printed as results (a checkpoint with 1e308 in it printed `train_rmse: inf` and
/// exited 0): a table of (command line, message), each an error naming the file and parameter, the data column, or
/// the option that caused it, with exit status 1 and nothing saved.
@Suite("kan: non-finite results")
struct NonFiniteResultTests {
    static let function = ["--function", "x1*x2", "--train-num", "30", "--test-num", "10", "--width", "2,2,1", "--steps", "3", "--quiet"]

    static let cases: [([String], String)] = [
        // A checkpoint holding 1e308 (big.json: a node bias of the last layer; big0.json: a spline scale of the first).
        (["train", "--from", "big.json", "--steps", "1"], "big.json: the model's output on the formula x1*x2 reaches 1e+308 (training row 1), too large to square; its largest parameter is model.layers[1].nodeBias[0] = 1e+308, where a trained model's are near 1: retrain it, or correct that value"),
        (["refine", "big.json", "--grid", "4"], "big.json: the model's output on the formula x1*x2 reaches 1e+308"),
        (["distill", "big.json"], "its largest parameter is model.layers[1].nodeBias[0] = 1e+308"),
        (["prune", "big.json"], "its largest parameter is model.layers[1].nodeBias[0] = 1e+308"),
        (["plot", "big.json", "-o", "net.svg"], "its largest parameter is model.layers[1].nodeBias[0] = 1e+308"),
        (["predict", "big.json", "--data", "rows.csv"], "its largest parameter is model.layers[1].nodeBias[0] = 1e+308"),
        (["suggest", "big0.json", "--edge", "0,0,0"], "its largest parameter is model.layers[0].scaleSpline[0] = 1e+308"),
        (["train", "--from", "big0.json", "--data", "d.csv", "--target", "y"], "its largest parameter is model.layers[0].scaleSpline[0] = 1e+308"),
        // Training that diverges: the options are named with their values.
        (["train"] + function + ["--lr", "1e300"], "the loss became NaN or infinite at step 0: training diverged on the formula x1*x2 (the model keeps its last finite parameters); lower --lr (now 1e+300)"),
        (["train"] + function + ["--opt", "adam", "--lr", "1e300"], "lower --lr (now 1e+300)"),
        (["train"] + function + ["--lamb", "1e300"], "lower --lr (now 1) or --lamb (now 1e+300)"),
        (["compare", "--function", "x1*x2", "--train-num", "30", "--test-num", "10", "--steps", "2", "--lr", "1e300"], "MLP: the loss became NaN or infinite in epoch 0: training diverged on the formula x1*x2 (the model keeps its last finite parameters); lower --lr (now 1e+300)"),
        // Data too large to square, or a formula that overflows where it is sampled.
        (["train"] + function + ["--ranges=-1e150,1e150"], "the formula x1*x2: column 'y' holds"),
        (["train"] + function + ["--ranges=-1e150,1e150"], "narrow --ranges, or scale the formula down,"),
        (["train"] + function + ["--ranges=-1e200,1e200"], "invalid function = x1*x2: overflow: the value is"),
        (["train", "--function", "exp(1000*x1)", "--quiet"], "invalid function = exp(1000*x1): overflow: exp("),
        (["train", "--data", "huge.csv", "--target", "y", "--quiet"], "huge.csv: column 'b' holds 1e+200; squared and summed over 40 rows, values this large overflow a Double: rescale the column so its values stay below 2.1e+153 in magnitude"),
        (["compare", "--data", "huge.csv", "--target", "y", "--steps", "2"], "huge.csv: column 'b' holds 1e+200"),
    ]

    /// The folder of `OptionValidationTests.folderWithModel()` plus a 2,2,1 model and its damaged copies, rows to
    /// predict, small data `d.csv` and data with a huge column `huge.csv`.
    static func workspace() throws -> URL {
        let folder = try OptionValidationTests.folderWithModel()
        let kan = OptionValidationTests.kan
        let train = try runProcess(kan, ["train"] + function + ["--save", "deep.json"], in: folder)
        #expect(train.status == 0, "\(train.standardError)")
        let url = folder.appendingPathComponent("deep.json")
        for (name, layer, field) in [("big.json", 1, "nodeBias"), ("big0.json", 0, "scaleSpline")] {
            var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            var model = try #require(document["model"] as? [String: Any])
            var layers = try #require(model["layers"] as? [[String: Any]])
            var values = try #require(layers[layer][field] as? [Double])
            values[0] = 1e308
            layers[layer][field] = values
            model["layers"] = layers
            document["model"] = model
            try JSONSerialization.data(withJSONObject: document).write(to: folder.appendingPathComponent(name))
        }
        try "x1,x2\n0.5,0.25\n".write(to: folder.appendingPathComponent("rows.csv"), atomically: false, encoding: .utf8)
        let rows = (1...40).map { "\(Double($0) / 40),\(Double($0 % 5) / 5),\(Double($0) / 40 * Double($0 % 5))" }
        try (["a,b,y"] + rows).joined(separator: "\n").write(to: folder.appendingPathComponent("d.csv"), atomically: false, encoding: .utf8)
        let huge = (1...40).map { "\(Double($0) / 40),\($0 == 7 ? "1e200" : "\(Double($0 % 5) / 5)"),\(Double($0) / 40)" }
        try (["a,b,y"] + huge).joined(separator: "\n").write(to: folder.appendingPathComponent("huge.csv"), atomically: false, encoding: .utf8)
        return folder
    }

    @Test("NaN or infinity is an error naming its cause, never a printed result; nothing is saved", arguments: cases)
    func refused(arguments: [String], fragment: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let saves = ["train", "refine", "distill", "prune"].contains(arguments[0]) ? ["--save", "out.json"] : []
        let result = try runProcess(OptionValidationTests.kan, arguments + saves, in: folder,
                                    environment: ["TMPDIR": folder.appendingPathComponent("tmp").path])
        #expect(result.status == 1)
        #expect(result.standardError.contains(fragment), "\(result.standardError)")
        for word in ["inf", "nan"] {
            #expect(!result.standardOutput.lowercased().contains(word), "\(result.standardOutput)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
    }
}
