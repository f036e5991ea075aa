import CSV
import Files
import Foundation
import Optimization
import Symbolic

/// One row of the AI Feynman table (`FeynmanEquations.csv` and `../shared/data/feynman_dev.csv`): the law, its
/// output's name and each variable with the range it is sampled from.
public struct FeynmanEquation: Sendable, Equatable {
    /// `Filename`, e.g. `I.6.2a`.
    public var name: String
    /// `Output`, e.g. `f`.
    public var output: String
    /// `Formula` as written in the table (NumPy syntax: `**`, `arcsin`, `pi`).
    public var formula: String
    /// The formula, parsed.
    public var truth: Expr
    public var variables: [String]
    public var ranges: [ClosedRange<Double>]

    /// The SRBench protocol's data: `points` rows uniform on the ranges (seeded), Gaussian noise of standard
    /// deviation `noise` x the root mean square of the target added to every target, then a seeded split with
    /// `testFraction` of the rows held out.
    public func dataset(points: Int = 10_000, noise: Double = 0, testFraction: Double = 0.25, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        guard points >= 8 else { throw .invalidOption(name: "points", value: "\(points)", reason: "must be at least 8") }
        guard noise >= 0, noise.isFinite else { throw .invalidOption(name: "noise", value: "\(noise)", reason: "must be a finite number >= 0") }
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidOption(name: "test fraction", value: "\(testFraction)", reason: "must be between 0 and 1")
        }
        let compiled: @Sendable ([Double]) throws(EvaluationError) -> Double
        do { compiled = try truth.compiled(variables: variables) } catch {
            throw .invalidData(file: name, reason: "formula '\(formula)': \(error)")
        }
        var random = SeededRandom(seed: seed)
        var inputs = Matrix(rows: points, columns: variables.count)
        var targets = [Double](repeating: 0, count: points)
        for row in 0..<points {
            for (column, range) in ranges.enumerated() { inputs[row, column] = random.uniform(range.lowerBound, range.upperBound) }
            do { targets[row] = try compiled(inputs.row(row)) } catch {
                throw .invalidData(file: name, reason: "formula '\(formula)' is undefined at \(inputs.row(row)): \(error)")
            }
        }
        // The split is drawn before the noise, so every noise level has the same rows.
        let testCount = max(1, Int((Double(points) * testFraction).rounded()))
        let test = Set(random.sample(testCount, from: points))
        if noise > 0 {
            let rms = (targets.reduce(0) { $0 + $1 * $1 } / Double(points)).squareRoot()
            for row in targets.indices { targets[row] += noise * rms * random.normal() }
        }
        let trainRows = (0..<points).filter { !test.contains($0) }, testRows = (0..<points).filter(test.contains)
        let labels = Matrix(rows: points, columns: 1, values: targets)
        return try Dataset(trainInputs: inputs.selectingRows(trainRows), trainLabels: labels.selectingRows(trainRows),
                           testInputs: inputs.selectingRows(testRows), testLabels: labels.selectingRows(testRows),
                           inputNames: variables, outputNames: [output])
    }
}

/// Reads the AI Feynman table format: columns `Filename, Number, Output, Formula, # variables, v1_name, v1_low,
/// v1_high, ...`; empty variable slots are skipped. A row that does not parse is an error naming its line.
public enum FeynmanTable {
    public static func load(_ url: URL) throws(DatasetError) -> [FeynmanEquation] {
        let text: String
        do { text = try FileReader.text(at: url.path) } catch { throw .io(file: url.path, reason: error.reason) }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws(DatasetError) -> [FeynmanEquation] {
        let reader: CSVReader
        do { reader = try CSVReader(string: text.replacingOccurrences(of: "\u{FEFF}", with: ""), hasHeaderRow: true, trimFields: true) } catch {
            throw .invalidData(file: file, reason: "not a CSV table (\(error))")
        }
        let header = reader.headerRow ?? []
        func column(_ name: String) throws(DatasetError) -> Int {
            guard let index = header.firstIndex(of: name) else { throw .invalidData(file: file, reason: "no '\(name)' column") }
            return index
        }
        let (filename, output, formula, count) = (try column("Filename"), try column("Output"), try column("Formula"), try column("# variables"))
        var equations: [FeynmanEquation] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy(\.isEmpty) { continue }
            equations.append(try equation(row, line: line, file: file, header: header,
                                          columns: (filename, output, formula, count)))
        }
        if let error = reader.error { throw .invalidData(file: file, reason: "line \(line + 1): \(error)") }
        return equations
    }

    private static func equation(_ row: [String], line: Int, file: String, header: [String],
                                 columns: (filename: Int, output: Int, formula: Int, count: Int)) throws(DatasetError) -> FeynmanEquation {
        func field(_ index: Int) -> String { index < row.count ? row[index] : "" }
        let where_ = "line \(line) (\(field(columns.filename)))"
        guard let count = Int(field(columns.count)), count > 0 else {
            throw .invalidData(file: file, reason: "\(where_): '# variables' is '\(field(columns.count))', not a positive number")
        }
        var variables: [String] = [], ranges: [ClosedRange<Double>] = []
        for v in 1...count {
            guard let nameColumn = header.firstIndex(of: "v\(v)_name"), let low = header.firstIndex(of: "v\(v)_low"),
                  let high = header.firstIndex(of: "v\(v)_high") else {
                throw .invalidData(file: file, reason: "\(where_): no columns for variable \(v)")
            }
            guard let lower = Double(field(low)), let upper = Double(field(high)), lower.isFinite, upper.isFinite, lower <= upper else {
                throw .invalidData(file: file, reason: "\(where_): variable \(v) '\(field(nameColumn))' has range '\(field(low))'..'\(field(high))'")
            }
            variables.append(field(nameColumn))
            ranges.append(lower...upper)
        }
        let truth: Expr
        do { truth = try Expr(parsing: field(columns.formula)) } catch {
            throw .invalidData(file: file, reason: "\(where_): formula '\(field(columns.formula))' does not parse: \(error)")
        }
        if let unknown = truth.variables.first(where: { !variables.contains($0) }) {
            throw .invalidData(file: file, reason: "\(where_): formula uses '\(unknown)', which is not among its variables \(variables)")
        }
        return FeynmanEquation(name: field(columns.filename), output: field(columns.output), formula: field(columns.formula),
                               truth: truth, variables: variables, ranges: ranges)
    }
}
