import Foundation
import Symbolic
import Testing
import TestSupport

/// `kan discover --sigma/--weights` and `kan predict --stderr`, run as a user runs them.
@Suite("kan discover with measurement errors, kan predict with standard errors")
struct WeightsAndErrorsTests {
    static var kan: URL { TrainCommandTests.kan }

    /// `y = 1.37 x^2 z` on 800 rows with each row's own error: 0.2% of its value, or 5% on every other row, as `dy`.
    static func measurements(in folder: URL) throws -> URL {
        var generator = SeededGenerator(seed: 21)
        func normal() -> Double {
            (-2 * log(1 - Double.random(in: 0..<1, using: &generator))).squareRoot() * cos(2 * .pi * Double.random(in: 0..<1, using: &generator))
        }
        var lines = ["x,z,dy,y"]
        for row in 0..<800 {
            let x = Double.random(in: 1...3, using: &generator), z = Double.random(in: 1...3, using: &generator)
            let clean = 1.37 * x * x * z
            let sigma = clean * (row % 2 == 0 ? 0.002 : 0.05)
            lines.append("\(x),\(z),\(sigma),\(clean + sigma * normal())")
        }
        let url = folder.appendingPathComponent("measurements.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: false, encoding: .utf8)
        return url
    }

    @Test("--sigma: the law with its constant's error from the sigmas, the weighting stated; predict --stderr propagates the covariance")
    func sigmaAndPredictionErrors() throws {
        let folder = try DiscoverCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.measurements(in: folder)
        let saved = folder.appendingPathComponent("result.json")
        let result = try runProcess(Self.kan, ["discover", "--data", data.path, "--target", "y", "--sigma", "dy", "--time-limit", "8",
                                                "--save", saved.path, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("weights: 1/sigma^2 of column 'dy' (measurement errors)"), "\(lines)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        #expect(report["inputs"] as? [String] == ["x", "z"], "dy is not an input")
        let constants = try #require(report["constants"] as? [[String: Double]], "\(lines)")
        try #require(constants.count == 1, "\(constants)")
        let (value, stderr) = (try #require(constants[0]["value"]), try #require(constants[0]["stderr"]))
        #expect(abs(value - 1.37) <= 4 * stderr && stderr < 0.002, "\(value) ± \(stderr)")
        let covariance = try #require(report["constants_covariance"] as? [[Double]])
        #expect(abs(covariance[0][0] - stderr * stderr) <= 1e-9 * stderr * stderr)

        // The prediction's error of c*x^2*z is x^2*z times the constant's.
        let rows = folder.appendingPathComponent("new.csv")
        try "z,x\n2,1.5\n1,3\n".write(to: rows, atomically: false, encoding: .utf8)
        let predicted = try runProcess(Self.kan, ["predict", saved.path, "--data", rows.path, "--stderr"])
        #expect(predicted.status == 0, "\(predicted.standardError)")
        let table = predicted.standardOutput.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(table.first == ["y", "y_stderr"])
        for (line, (x, z)) in zip(table.dropFirst(), [(1.5, 2.0), (3.0, 1.0)]) {
            let error = try #require(Double(line[1]))
            #expect(abs(error - x * x * z * stderr) <= 1e-6 * error, "\(line) for x=\(x), z=\(z)")
        }
    }

    @Test("--stderr needs fitted constants: a saved model and an exact law are refused, naming why")
    func stderrRefused() throws {
        let folder = try DiscoverCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try DiscoverCommandTests.csv("m*g*z", variables: ["m", "g", "z"], target: "U", rows: 300, in: folder)
        let saved = folder.appendingPathComponent("exact.json").path
        let found = try runProcess(Self.kan, ["discover", "--data", data.path, "--target", "U", "--time-limit", "10", "--save", saved, "--quiet"])
        try #require(found.status == 0, "\(found.standardError)")
        let exact = try runProcess(Self.kan, ["predict", saved, "--data", data.path, "--stderr"])
        #expect(exact.status == 1 && exact.standardError.contains("no fitted constants with a covariance"), "\(exact.standardError)")
        let model = folder.appendingPathComponent("model.json").path
        let trained = try runProcess(Self.kan, ["train", "--data", data.path, "--target", "U", "--width", "3,1", "--steps", "2", "--save", model, "--quiet"])
        try #require(trained.status == 0, "\(trained.standardError)")
        let network = try runProcess(Self.kan, ["predict", model, "--data", data.path, "--stderr"])
        #expect(network.status == 1 && network.standardError.contains("is a saved model"), "\(network.standardError)")
    }

    @Test("bad weighting is refused before any search, naming the option, the line or the column", arguments: [
        (["--function", "x^2", "--sigma", "dy"], "--sigma names a column of --data"),
        (["--sigma", "dy", "--weights", "dy"], "give --sigma (measurement errors) or --weights, not both"),
        (["--sigma", "nope"], "no column 'nope' for the measurement errors (sigma)"),
        (["--sigma", "bad"], "line 3, column 'bad': a measurement error (sigma) must be > 0, found 0.0"),
        (["--weights", "neg"], "line 2, column 'neg': a weight must be >= 0, found -1.0"),
        (["--sigma", "tiny"], "column 'tiny': 1e-200 gives a weight 1/sigma^2 beyond a Double's range"),
        (["--sigma", "dy", "--standardize"], "--sigma: the constants' errors are given in the data's own units; leave out --standardize"),
    ])
    func badWeighting(arguments: [String], message: String) throws {
        let folder = try DiscoverCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("d.csv")
        try "x,dy,bad,neg,tiny,y\n1,0.1,0.1,-1,1e-200,1\n2,0.1,0,1,1,4\n3,0.1,0.1,1,1,9\n".write(to: data, atomically: false, encoding: .utf8)
        let source = arguments.first == "--function" ? [] : ["--data", data.path, "--target", "y", "--inputs", "x"]
        let result = try runProcess(Self.kan, ["discover"] + source + arguments + ["--time-limit", "5", "--quiet"])
        #expect(result.status == 1 && result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("trying "), "refused before the search")
    }
}
