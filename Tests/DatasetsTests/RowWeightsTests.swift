import Datasets
import Foundation
import Testing

/// A column of measurement errors (sigma) or weights read beside the inputs and the target.
@Suite("Row weights from a CSV column")
struct RowWeightsTests {
    static let text = "x,dy,y\n" + (1...20).map { "\($0),\(0.1 * Double($0)),\(2 * $0)" }.joined(separator: "\n") + "\n"

    @Test("sigma: left out of the inputs; each row's weight is 1/sigma^2, in the split's order")
    func sigma() throws {
        let (data, report) = try CSVLoader.parse(Self.text, file: "s.csv", options: CSVOptions(target: "y", sigma: "dy"))
        #expect(data.inputNames == ["x"])
        let weights = try #require(data.weights)
        #expect(weights.kind == .sigma && weights.absolute && weights.column == "dy")
        #expect(weights.train.count == report.trainRows.count && weights.test.count == report.testRows.count)
        for (row, weight) in zip(report.trainRows, weights.train) { #expect(abs(weight - 1 / pow(0.1 * Double(row), 2)) < 1e-9) }
        for (row, weight) in zip(report.testRows, weights.test) { #expect(abs(weight - 1 / pow(0.1 * Double(row), 2)) < 1e-9) }
        // The split is the one without weights.
        let (plain, plainReport) = try CSVLoader.parse(Self.text, file: "s.csv", options: CSVOptions(target: "y", inputs: ["x"]))
        #expect(plainReport.testRows == report.testRows && plain.testInputs == data.testInputs && plain.weights == nil)
    }

    @Test("weights: taken as they are, relative")
    func weights() throws {
        let (data, report) = try CSVLoader.parse(Self.text, file: "w.csv", options: CSVOptions(target: "y", weights: "dy"))
        let weights = try #require(data.weights)
        #expect(weights.kind == .weights && !weights.absolute)
        for (row, weight) in zip(report.trainRows, weights.train) { #expect(abs(weight - 0.1 * Double(row)) < 1e-12) }
    }

    @Test("bad weights or sigmas are errors naming the file, the line and the column", arguments: [
        ("x,dy,y\n1,0.1,2\n2,0,4\n3,0.1,6\n", CSVOptions(target: "y", sigma: "dy"), "w.csv: line 3, column 'dy': a measurement error (sigma) must be > 0, found 0.0"),
        ("x,dy,y\n1,0.1,2\n2,-0.2,4\n3,0.1,6\n", CSVOptions(target: "y", sigma: "dy"), "line 3, column 'dy': a measurement error (sigma) must be > 0, found -0.2"),
        ("x,dy,y\n1,0.1,2\n2,inf,4\n3,0.1,6\n", CSVOptions(target: "y", sigma: "dy"), "line 3, column 'dy': inf is not finite"),
        ("x,w,y\n1,1,2\n2,-1,4\n3,1,6\n", CSVOptions(target: "y", weights: "w"), "line 3, column 'w': a weight must be >= 0, found -1.0"),
        ("x,w,y\n1,0,2\n2,0,4\n3,0,6\n", CSVOptions(target: "y", weights: "w"), "column 'w': every weight is 0"),
        ("x,dy,y\n1,0.1,2\n2,0.1,4\n", CSVOptions(target: "y", sigma: "ds"), "no column 'ds' for the measurement errors (sigma)"),
        ("x,dy,y\n1,0.1,2\n2,0.1,4\n", CSVOptions(target: "y", sigma: "y"), "the target 'y' cannot also be the rows' measurement errors"),
        ("x,dy,y\n1,0.1,2\n2,0.1,4\n", CSVOptions(target: "y", inputs: ["x", "dy"], sigma: "dy"), "'dy' is listed among the inputs and as the rows' measurement errors"),
        ("x,dy,y\n1,0.1,2\n2,0.1,4\n", CSVOptions(target: "y", sigma: "dy", weights: "x"), "not both"),
    ])
    func bad(text: String, options: CSVOptions, message: String) {
        do {
            _ = try CSVLoader.parse(text, file: "w.csv", options: options)
            Issue.record("parsed")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
