import Foundation
import Symbolic
import Testing
import TestSupport

/// `kan discover`, `kan predict` and `kan bench feynman` run as a user runs them.
@Suite("kan discover, predict and bench")
struct DiscoverCommandTests {
    static var kan: URL { TrainCommandTests.kan }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-discover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A CSV of `law` on `rows` seeded points uniform on [1, 3] per variable, with the target last.
    static func csv(_ law: String, variables: [String], target: String, rows: Int, in folder: URL) throws -> URL {
        let expression = try Expr(parsing: law)
        var generator = SeededGenerator(seed: 7)
        var lines = [(variables + [target]).joined(separator: ",")]
        for _ in 0..<rows {
            let point = variables.map { _ in Double.random(in: 1...3, using: &generator) }
            lines.append((point + [try expression.evaluate(at: Dictionary(uniqueKeysWithValues: zip(variables, point)))]).map { "\($0)" }.joined(separator: ","))
        }
        let url = folder.appendingPathComponent("\(target).csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: false, encoding: .utf8)
        return url
    }

    static func recovers(_ formula: String, _ truth: String, variables: [String]) throws -> Bool {
        try RecoveryCheck(variables: variables, ranges: variables.map { _ in 1...3 }).verdict(found: Expr(parsing: formula), truth: Expr(parsing: truth)).recovered
    }

    @Test("two small laws from a CSV with no other flag: a product and a sum of functions, recovered exactly",
          arguments: [("q*E_f", ["q", "E_f"], "F"), ("sin(a) + b^2", ["a", "b"], "y")])
    func smallLaws(law: String, variables: [String], target: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.csv(law, variables: variables, target: target, rows: 600, in: folder)
        let result = try runProcess(Self.kan, ["discover", "--data", data.path, "--target", target, "--time-limit", "20"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let formula = try #require(lines.first { $0.hasPrefix("formula: ") }).dropFirst("formula: ".count)
        #expect(try Self.recovers(String(formula), law, variables: variables), "\(formula)")
        for key in ["latex: ", "test_r2: ", "test_rmse: ", "complexity: ", "pareto front:"] {
            #expect(lines.contains { $0.hasPrefix(key) }, "no \(key)")
        }
        #expect(result.standardError.contains("trying "), "progress goes to standard error")
    }

    @Test("--json and --save give one object; kan predict applies it to new rows by column name, and a saved model too")
    func jsonSaveAndPredict() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.csv("m*g*z", variables: ["m", "g", "z"], target: "U", rows: 300, in: folder)
        let saved = folder.appendingPathComponent("result.json").path
        let result = try runProcess(Self.kan, ["discover", "--data", data.path, "--target", "U", "--time-limit", "10", "--json",
                                                "--save", saved, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for key in ["formula", "latex", "test_r2", "test_rmse", "complexity", "pareto_front", "tried", "inputs", "target"] {
            #expect(object[key] != nil, "no \(key)")
        }
        #expect(result.standardError.isEmpty)
        // New rows with the columns in another order and an extra one: found by name.
        let rows = folder.appendingPathComponent("new.csv")
        try "z,extra,m,g\n2,9,3,4\n0.5,9,2,1\n".write(to: rows, atomically: false, encoding: .utf8)
        let predicted = try runProcess(Self.kan, ["predict", saved, "--data", rows.path])
        #expect(predicted.status == 0, "\(predicted.standardError)")
        let values = predicted.standardOutput.split(separator: "\n").map(String.init)
        #expect(values.first == "U")
        expectClose(Double(values[1]) ?? .nan, 24, tolerance: 1e-9)
        expectClose(Double(values[2]) ?? .nan, 1, tolerance: 1e-9)
        // A checkpoint: the same rows through the network, written to a file.
        let model = folder.appendingPathComponent("model.json").path, output = folder.appendingPathComponent("p.csv").path
        let train = try runProcess(Self.kan, ["train", "--data", data.path, "--target", "U", "--width", "3,1", "--steps", "5", "--save", model, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        let fromModel = try runProcess(Self.kan, ["predict", model, "--data", rows.path, "--output", output])
        #expect(fromModel.status == 0, "\(fromModel.standardError)")
        let written = try String(contentsOf: URL(fileURLWithPath: output), encoding: .utf8).split(separator: "\n")
        #expect(written.count == 3 && written[0] == "U" && written.dropFirst().allSatisfy { Double($0)?.isFinite == true })
        let missing = try runProcess(Self.kan, ["predict", saved, "--data", data.path.replacingOccurrences(of: "U.csv", with: "none.csv")])
        #expect(missing.status == 1 && missing.standardError.contains("none.csv"))
        try "m,g\n1,2\n".write(to: rows, atomically: false, encoding: .utf8)
        let short = try runProcess(Self.kan, ["predict", saved, "--data", rows.path])
        #expect(short.status == 1 && short.standardError.contains("no column 'z'"), "\(short.standardError)")
    }

    @Test("--plot writes one figure: an SVG with a point per front member, the chosen ringed, the test rows; a PNG by extension")
    func plot() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("figure.svg"), png = folder.appendingPathComponent("figure.png")
        let result = try runProcess(Self.kan, ["discover", "--function", "m*g*z", "--ranges", "1,5", "--test-num", "300", "--time-limit", "10",
                                                "--json", "--quiet", "--plot", svg.path])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let front = try #require(object["pareto_front"] as? [Any])
        let document = try SVGDocument(contentsOf: svg)
        #expect(document.root == "svg")
        // DiscoveryPlotter's colours: front points, the chosen's ring, the test rows.
        #expect(document.filled([0.12, 0.35, 0.7]).count == front.count, "one point per front member")
        #expect(document.stroked([0.8, 0.1, 0.1]).count == 1, "one ring, around the chosen formula")
        #expect(document.filled([0.9, 0.45, 0.1]).first?.subpaths == 300, "one dot per test row")
        let again = try runProcess(Self.kan, ["discover", "--function", "m*g*z", "--ranges", "1,5", "--time-limit", "10", "--quiet", "--plot", png.path])
        #expect(again.status == 0, "\(again.standardError)")
        let size = try #require(pngSize(try Data(contentsOf: png)))
        #expect(size.width == 920 && size.height == 470)
    }

    @Test("kan bench feynman: a shard of the table, the table of results, the rate, and one JSON line per equation")
    func bench() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("laws.csv"), lines = folder.appendingPathComponent("r.jsonl")
        try """
            Filename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high
            A,1,F,mu*Nn,2,mu,1,5,Nn,1,5
            B,2,U,q/C,2,q,1,5,C,1,5
            C,3,E,x**2/2,1,x,1,5,,,
            """.write(to: table, atomically: false, encoding: .utf8)
        let result = try runProcess(Self.kan, ["bench", "feynman", "--equations", table.path, "--time-limit", "5", "--points", "1000",
                                                "--shard", "0/2", "--output", lines.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("recovered: 2/2 (100%) at noise 0.0"), "\(result.standardOutput)")
        let records = try String(contentsOf: lines, encoding: .utf8).split(separator: "\n")
        #expect(records.count == 2)
        let names = try records.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["equation"] as? String }
        #expect(names == ["A", "C"], "shard 0/2 runs the 1st and 3rd equations")
        let bad = try runProcess(Self.kan, ["bench", "feynman", "--equations", table.path, "--shard", "2/2"])
        #expect(bad.status == 1 && bad.standardError.contains("--shard"))
    }
}
