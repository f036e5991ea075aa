import Foundation
import Testing
import TestSupport

/// `kan distill` on the heart-disease data, as the distillation issue spells it out.
@Suite("kan distill")
struct DistillCommandTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    @Test("heart disease: 13 fixing lines, a formula in the CSV's names, accuracies of network and formula")
    func heart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-distill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("heart.json").path
        let train = try runProcess(Self.kan, ["train", "--data", TrainCommandTests.heart, "--target", "target", "--width", "13,1",
                                              "--grid", "3", "--k", "3", "--steps", "40", "--save", model, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        let distill = try runProcess(Self.kan, ["distill", model, "--lib-names", "x,x^2,x^3,x^4,exp,log,sqrt,tanh,sin,tan,abs",
                                                "--round", "4", "--latex", "--swift"])
        #expect(distill.status == 0, "\(distill.standardError)")
        let lines = distill.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("fixing (0,") }.count == 13)
        let formula = try #require(lines.first { $0.hasPrefix("formula: ") })
        for name in ["age", "sex", "cp", "thalach", "oldpeak"] { #expect(formula.contains(name), "\(formula)") }
        #expect(lines.contains { $0.hasPrefix("latex: ") })
        #expect(distill.standardOutput.contains("func target(_ age: Double, _ sex: Double"))
        func value(_ name: String) -> Double? { lines.first { $0.hasPrefix(name + ": ") }.flatMap { Double($0.dropFirst(name.count + 2)) } }
        let network = try #require(value("network_test_accuracy")), distilled = try #require(value("formula_test_accuracy"))
        #expect(network >= 0.84, "network test accuracy \(network)")
        #expect(distilled >= 0.84, "formula test accuracy \(distilled)")
    }

    @Test("a library entry that does not exist or does not parse is a clear error")
    func errors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-distill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path
        _ = try runProcess(Self.kan, ["train", "--function", "x1^2", "--width", "1,1", "--steps", "2", "--train-num", "50",
                                      "--test-num", "20", "--save", model, "--quiet"])
        let unknown = try runProcess(Self.kan, ["distill", model, "--lib-names", "x,sinc"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no function 'sinc' in the library"))
        let library = folder.appendingPathComponent("lib.json")
        try #"{"functions": [{"name": "bad", "definition": "sin(", "complexity": 2}]}"#.write(to: library, atomically: false, encoding: .utf8)
        let bad = try runProcess(Self.kan, ["distill", model, "--lib", library.path])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("entry 'bad'"))
    }

    @Test("--r2-threshold keeps poorly fitted edges as splines: the mixed model retrains and saves, with no formula")
    func mixed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-distill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("heart.json").path, mixed = folder.appendingPathComponent("mixed.json").path
        let train = try runProcess(Self.kan, ["train", "--data", TrainCommandTests.heart, "--target", "target", "--width", "13,1",
                                              "--grid", "3", "--k", "3", "--steps", "40", "--save", model, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        let library = ["--lib-names", "x,x^2,x^3,x^4,exp,log,sqrt,tanh,sin,tan,abs"]
        // A threshold just above the worst edge's r2 keeps that edge (and any as poor) and fixes the rest.
        let plain = try runProcess(Self.kan, ["distill", model, "--steps", "0"] + library)
        let r2s = plain.standardOutput.split(separator: "\n").compactMap { line in
            line.hasPrefix("fixing (0,") ? line.components(separatedBy: "r2=").last?.components(separatedBy: ",").first.flatMap(Double.init) : nil
        }
        let worst = try #require(r2s.min()), best = try #require(r2s.max())
        try #require(worst < best, "\(r2s)")
        let threshold = "\(worst.nextUp)"
        let distill = try runProcess(Self.kan, ["distill", model, "--r2-threshold", threshold, "--save", mixed] + library)
        #expect(distill.status == 0, "\(distill.standardError)")
        let lines = distill.standardOutput.split(separator: "\n").map(String.init)
        let kept = lines.filter { $0.hasPrefix("keeping (0,") }, fixed = lines.filter { $0.hasPrefix("fixing (0,") }
        #expect(!kept.isEmpty && !fixed.isEmpty && kept.count + fixed.count == 13, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("no formula: \(kept.count) edge(s) stay splines") })
        #expect(!lines.contains { $0.hasPrefix("formula: ") || $0.hasPrefix("formula_test_rmse: ") })
        #expect(lines.contains { $0.hasPrefix("network_test_rmse: ") } && lines.contains { $0.hasPrefix("network_test_accuracy: ") })
        // The saved mixed model keeps its fixed edges; distilling it with no threshold fixes the rest.
        let finish = try runProcess(Self.kan, ["distill", mixed] + library)
        #expect(finish.status == 0, "\(finish.standardError)")
        let again = finish.standardOutput.split(separator: "\n")
        #expect(again.filter { $0.hasPrefix("fixing (0,") }.count == kept.count, "\(again)")
        #expect(again.contains { $0.hasPrefix("formula: ") })
    }
}
