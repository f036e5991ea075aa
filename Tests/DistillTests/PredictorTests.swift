import Datasets
import Distill
import Foundation
import KAN
import Optimization
import Symbolic
import Testing

/// `Predictor` reads a checkpoint or a discovery result and predicts the rows of a CSV file by column name.
@Suite("Predictor")
struct PredictorTests {
    /// A fresh folder holding `files` (name and contents), removed by the caller.
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-predictor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test("a checkpoint's model predicts rows whose columns come in another order; bad rows and extrapolation are told")
    func checkpoint() throws {
        let data = try Dataset(trainInputs: Matrix([[0, 0], [1, 1], [0.5, 0.2]]), trainLabels: Matrix([[0], [1], [0.5]]),
                               testInputs: Matrix([[0.5, 0.5]]), testLabels: Matrix([[0.5]]), inputNames: ["a", "b"], outputNames: ["F"])
        let model = try KANModel(width: [2, 1], grid: 3, k: 3, seed: 4)
        let folder = try Self.folder(["new.csv": "b,a,c\n0.5,0.25,9\n0.2,,1\n3,0.5,1\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.json")
        try Checkpoint(model: model, dataset: data).save(to: file)
        let predictor = try Predictor(file: file.path)
        #expect(predictor.inputNames == ["a", "b"])
        #expect(predictor.outputName == "F")
        let predictions = try predictor.predict(csv: folder.appendingPathComponent("new.csv").path)
        let expected = try model(Matrix([[0.25, 0.5], [0.5, 3]])).values
        #expect(try predictions.values[0].get() == expected[0])
        #expect(try predictions.values[2].get() == expected[1])
        #expect(predictions.failures == "1 of 3 data rows cannot be predicted (line 3: column 'a' is empty)")
        #expect(predictions.extrapolation == "1 of 3 data rows lie outside the range of the data it was fitted on, so their predictions extrapolate (lines 4; 'b' 3...3 against 0...1)")
        #expect(predictions.csv == "F\n\(expected[0])\n\n\(expected[1])\n")
    }

    @Test("a formula predicts where it is defined; elsewhere the row says why")
    func formula() throws {
        let predictor = Predictor(kind: .formula(try Expr(parsing: "log(x)*y"), variables: ["x", "y"]), inputNames: ["p", "q"],
                                  outputName: "z", inputRanges: nil)
        let folder = try Self.folder(["rows.csv": "q,p\n2,1\n3,-1\n1,e\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let predictions = try predictor.predict(csv: folder.appendingPathComponent("rows.csv").path)
        #expect(try predictions.values[0].get() == 0)
        #expect((try? predictions.values[1].get()) == nil)
        #expect(predictions.failures?.hasPrefix("2 of 3 data rows cannot be predicted (line 3: the formula is undefined there (") == true)
        #expect(predictions.failures?.hasSuffix("; line 4: column 'p': 'e' is not a finite number)") == true)
        #expect(predictions.extrapolation == nil)
    }

    @Test("a file of neither kind, or a model of two outputs, is refused naming the file")
    func refused() throws {
        let folder = try Self.folder(["other.json": "{\"name\": 1}"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other.json").path
        #expect(throws: PredictorError.self) { try Predictor(file: other) }
        do { _ = try Predictor(file: other) } catch {
            #expect("\(error)" == "\(other): it is JSON, but not a checkpoint (kan train --save) or a discovery result (kan discover --save): it has neither 'formatVersion' nor 'formula'")
        }
        let wide = Checkpoint(model: try KANModel(width: [2, 2], grid: 3, k: 3))
        do {
            _ = try Predictor(checkpoint: wide, file: "w.json")
            Issue.record("a model of two outputs was accepted")
        } catch {
            #expect("\(error)" == "w.json has 2 outputs; predict writes models with one output")
        }
    }
}
