import Datasets
import Foundation
import Symbolic
import Testing
import TestSupport

@Suite("Data: datasets, CSV, IDX")
struct DataTests {
    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test("create_dataset: uniform on the ranges, labels from the formula, seeded")
    func synthetic() throws {
        let expression = try Expr(parsing: "x1*x2 + 1")
        let data = try Dataset(expression: expression, ranges: [0...1, -2...(-1)], trainCount: 200, testCount: 50, seed: 3)
        #expect(data.trainInputs.rows == 200 && data.testInputs.rows == 50)
        #expect(data.trainInputs.column(0).allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(data.trainInputs.column(1).allSatisfy { $0 >= -2 && $0 < -1 })
        for r in 0..<10 { expectClose(data.trainLabels[r, 0], data.trainInputs[r, 0] * data.trainInputs[r, 1] + 1) }
        #expect(try Dataset(expression: expression, trainCount: 10, testCount: 10, seed: 3) == Dataset(expression: expression, trainCount: 10, testCount: 10, seed: 3))
    }

    @Test("a formula undefined on the range is an error naming the point")
    func undefinedFormula() throws {
        #expect(throws: DatasetError.self) { try Dataset(expression: try Expr(parsing: "log(x)"), ranges: [-1...1]) }
        let expression = try Expr(parsing: "log(x)")
        do { _ = try Dataset(expression: expression, ranges: [-1...1]) } catch {
            #expect(error.description.contains("log") && error.description.contains("x="), "\(error)")
        }
    }

    @Test("heart.csv: rows with missing fields skipped (297 of 303), a seeded 80/20 split, names kept")
    func heart() throws {
        let url = Self.sharedData.appendingPathComponent("heart.csv")
        let (data, report) = try CSVLoader.load(url, options: CSVOptions(target: "target", seed: 0))
        #expect(report.skippedRows == [88, 167, 193, 267, 288, 303])
        #expect(data.trainInputs.rows + data.testInputs.rows == 297)
        #expect(data.testInputs.rows == 59)
        #expect(data.inputNames == ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal"])
        #expect(Set(data.trainLabels.values).isSubset(of: [0, 1]))
        // The first data row (63,1,1,145,233,1,2,150,0,2.3,3,0,6,0) is wherever the split put it.
        let position = report.trainRows.firstIndex(of: 1).map { ("train", $0) } ?? ("test", report.testRows.firstIndex(of: 1)!)
        let inputs = position.0 == "train" ? data.trainInputs : data.testInputs
        #expect(inputs.row(position.1) == [63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3, 3, 0, 6])
        let (again, _) = try CSVLoader.load(url, options: CSVOptions(target: "target", seed: 0))
        #expect(again == data)
    }

    @Test("standardisation uses the training rows' mean and standard deviation")
    func standardize() throws {
        let url = Self.sharedData.appendingPathComponent("heart.csv")
        let (data, _) = try CSVLoader.load(url, options: CSVOptions(target: "target", standardize: true))
        let age = data.trainInputs.column(0)
        let mean = age.reduce(0, +) / Double(age.count)
        let variance = age.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(age.count - 1)
        expectClose(mean, 0, tolerance: 1e-12)
        expectClose(variance, 1, tolerance: 1e-12)
        #expect(data.standardization?.means.count == 13)
    }

    @Test("bad CSV input gets an error naming the line and column", arguments: [
        ("a,b,y\n1,2,3\n4,5\n", "line 3 has 2 fields"),
        ("a,b,y\n1,x,3\n", "line 2, column 'b': 'x' is not a number"),
        ("a,b,y\n1,nan,3\n", "line 2, column 'b': nan is not finite"),
        ("a,b,y\n1,inf,3\n", "not finite"),
        ("a,b\n1,2\n", "no column 'y'"),
        ("", "bad.csv: the file is empty; expected a header row"),
        ("a,b,y\n", "bad.csv: 0 data rows after the header; at least 2 are needed"),
    ])
    func badCSV(text: String, message: String) {
        do {
            _ = try CSVLoader.parse(text, file: "bad.csv", options: CSVOptions(target: "y"))
            Issue.record("parsed")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("missing fields can be errors instead of skipped rows")
    func missingAsError() {
        #expect(throws: DatasetError.invalidData(file: "m.csv", reason: "line 3, column 'a' is empty")) {
            try CSVLoader.parse("a,y\n1,2\n,3\n4,5\n", file: "m.csv", options: CSVOptions(target: "y", missing: .error))
        }
    }

    @Test("MNIST 0/1 IDX files: counts and checksums of the published set")
    func mnist() throws {
        let folder = Self.sharedData.appendingPathComponent("mnist01")
        let test = try IDXReader.mnist(images: folder.appendingPathComponent("test-images-idx3-ubyte.gz"),
                                       labels: folder.appendingPathComponent("test-labels-idx1-ubyte.gz"))
        #expect(test.inputs.rows == 2115 && test.inputs.columns == 784)
        #expect(test.labels.values.filter { $0 == 0 }.count == 980)
        #expect(test.labels.values.filter { $0 == 1 }.count == 1135)
        let mean = test.inputs.values.reduce(0, +) / Double(test.inputs.values.count)
        expectClose(mean, 0.1210, tolerance: 5e-4)
    }

    @Test("IDX errors name the file and the problem")
    func badIDX() {
        #expect(throws: DatasetError.invalidData(file: "x", reason: "no IDX header (expected 00 00 08 NN)")) { try IDXReader.parse([1, 2, 3, 4], file: "x") }
        #expect(throws: DatasetError.invalidData(file: "x", reason: "dimensions [3] need 3 bytes, found 2")) {
            try IDXReader.parse([0, 0, 8, 1, 0, 0, 0, 3, 7, 7], file: "x")
        }
    }
}
