import Foundation
import Testing
import TestSupport

@Suite("kan prune and kan plot")
struct PruneAndPlotCommandTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    @Test("hellokan with lamb 0.001 prunes from [2,5,1] to [2,1,1]; plots are written; the loss curve too")
    func pruneAndPlot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path, pruned = folder.appendingPathComponent("p.json").path
        let loss = folder.appendingPathComponent("loss.svg").path, plot = folder.appendingPathComponent("net.svg").path
        let train = try runProcess(Self.kan, ["train", "--function", "exp(sin(pi*x1)+x2^2)", "--width", "2,5,1", "--grid", "5",
                                              "--steps", "50", "--lamb", "0.001", "--save", model, "--plot-loss", loss, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(FileManager.default.fileExists(atPath: loss))
        let prune = try runProcess(Self.kan, ["prune", model, "--save", pruned])
        #expect(prune.status == 0, "\(prune.standardError)")
        #expect(prune.standardOutput.contains("width before: 2,5,1\nwidth after: 2,1,1\n"))
        let plotted = try runProcess(Self.kan, ["plot", pruned, "-o", plot, "--title", "pruned"])
        #expect(plotted.status == 0, "\(plotted.standardError)")
        #expect(try String(contentsOfFile: plot, encoding: .utf8).hasPrefix("<?xml"))
        let bad = try runProcess(Self.kan, ["plot", pruned, "-o", folder.appendingPathComponent("net.gif").path])
        #expect(bad.status == 1 && bad.standardError.contains("unsupported plot format"))
    }
}

@Suite("kan suggest")
struct SuggestCommandTests {
    @Test("the table of candidates for one edge, best first, with pykan's columns")
    func table() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-suggest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path
        let kan = PruneAndPlotCommandTests.kan
        let train = try runProcess(kan, ["train", "--function", "sin(pi*x1)", "--vars", "1", "--width", "1,1", "--grid", "5",
                                         "--steps", "20", "--save", model, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        let result = try runProcess(kan, ["suggest", model, "--edge", "0,0,0", "--topk", "3", "--lib-names", "x,x^2,sin,exp"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("function") && lines[0].contains("score"))
        #expect(lines[1].hasPrefix("sin "), "\(result.standardOutput)")
        let bad = try runProcess(kan, ["suggest", model, "--edge", "0,5,0"])
        #expect(bad.status == 1 && bad.standardError.contains("there is no edge (0,5,0)"))
    }
}
