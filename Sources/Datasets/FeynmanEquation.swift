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
    /// The table's line the equation was read from (the header is line 1), for messages; 0 when not read from a
    /// table.
    public var line: Int = 0
    /// What the table's row says that was not taken as written, for a note: `'# variables' is 2, but 3
    /// variables are listed (r, F, theta); the listed ones are used` (the AI Feynman table has five such rows).
    public var note: String?

    public init(name: String, output: String, formula: String, truth: Expr, variables: [String], ranges: [ClosedRange<Double>],
                line: Int = 0, note: String? = nil) {
        self.name = name
        self.output = output
        self.formula = formula
        self.truth = truth
        self.variables = variables
        self.ranges = ranges
        self.line = line
        self.note = note
    }

    /// The SRBench protocol's data: `points` rows uniform on the ranges (seeded), Gaussian noise of standard
    /// deviation `noise` x the root mean square of the target added to every target, then a seeded split with
    /// `testFraction` of the rows held out.
    ///
    /// Errors (naming the equation, as `invalidData(file: name, ...)`): repeated variables, a formula without a
    /// value (undefined or overflowing) at a sampled point, with the point, and targets, before or after the noise, whose squares
    /// overflow when summed (the root mean square, R2 and every fit square them).
    public func dataset(points: Int = 10_000, noise: Double = 0, testFraction: Double = 0.25, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        guard points >= 8 else { throw .invalidOption(name: "points", value: "\(points)", reason: "must be at least 8") }
        guard noise >= 0, noise.isFinite else { throw .invalidOption(name: "noise", value: "\(noise)", reason: "must be a finite number >= 0") }
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidOption(name: "test fraction", value: "\(testFraction)", reason: "must be between 0 and 1")
        }
        guard !variables.isEmpty, variables.count == ranges.count else {
            throw .invalidData(file: name, reason: "\(variables.count) variables and \(ranges.count) ranges; expected one range per variable, at least one")
        }
        if let repeated = FeynmanTable.firstRepeated(variables) {
            throw .invalidData(file: name, reason: "variable '\(repeated.excerpt())' is listed twice; name each variable once")
        }
        if let bad = ranges.firstIndex(where: { !$0.lowerBound.isFinite || !$0.upperBound.isFinite || !($0.upperBound - $0.lowerBound).isFinite }) {
            throw .invalidData(file: name, reason: "variable '\(variables[bad].excerpt())' has the range \(ranges[bad]); expected finite bounds")
        }
        let compiled: @Sendable ([Double]) throws(EvaluationError) -> Double
        do { compiled = try truth.compiled(variables: variables) } catch {
            throw .invalidData(file: name, reason: "formula '\(formula.excerpt())': \(error)")
        }
        var random = SeededRandom(seed: seed)
        var inputs = Matrix(rows: points, columns: variables.count)
        var targets = [Double](repeating: 0, count: points)
        for row in 0..<points {
            for (column, range) in ranges.enumerated() { inputs[row, column] = random.uniform(range.lowerBound, range.upperBound) }
            let value: Double
            do { value = try compiled(inputs.row(row)) } catch {
                throw .invalidData(file: name, reason: "formula '\(formula.excerpt())' has no value at \(point(inputs.row(row))): \(error)")
            }
            guard value.isFinite else {
                throw .invalidData(file: name, reason: "formula '\(formula.excerpt())' is \(value) at \(point(inputs.row(row))); narrow the ranges")
            }
            targets[row] = value
        }
        let sumOfSquares = targets.reduce(0) { $0 + $1 * $1 }
        guard sumOfSquares.isFinite else {
            let largest = targets.max { abs($0) < abs($1) } ?? 0
            throw .invalidData(file: name, reason: "formula '\(formula.excerpt())' reaches \(format(largest)) on the ranges, too large to square and sum over \(points) points; narrow the ranges")
        }
        // The split is drawn before the noise, so every noise level has the same rows.
        let testCount = max(1, Int((Double(points) * testFraction).rounded()))
        let test = Set(random.sample(testCount, from: points))
        if noise > 0 {
            let rms = (sumOfSquares / Double(points)).squareRoot()
            for row in targets.indices { targets[row] += noise * rms * random.normal() }
            guard targets.reduce(0, { $0 + $1 * $1 }).isFinite else {
                throw .invalidOption(name: "noise", value: "\(noise)",
                                     reason: "for \(name), noise of \(format(noise)) x the target's root mean square (\(format(rms))) makes targets too large to square; SRBench uses 0 to 0.1")
            }
        }
        let trainRows = (0..<points).filter { !test.contains($0) }, testRows = (0..<points).filter(test.contains)
        let labels = Matrix(rows: points, columns: 1, values: targets)
        return try Dataset(trainInputs: inputs.selectingRows(trainRows), trainLabels: labels.selectingRows(trainRows),
                           testInputs: inputs.selectingRows(testRows), testLabels: labels.selectingRows(testRows),
                           inputNames: variables, outputNames: [output])
    }

    /// `theta = 1.5, sigma = 2`.
    private func point(_ values: [Double]) -> String {
        zip(variables, values).map { "\($0) = \(format($1))" }.joined(separator: ", ")
    }

    private func format(_ value: Double) -> String { String(format: "%.6g", value) }
}

/// Reads the AI Feynman table format: columns `Filename, Number, Output, Formula, # variables, v1_name, v1_low,
/// v1_high, ...`. A row's variables are its filled slots (`vK_name`, `vK_low`, `vK_high` all given); slots left
/// empty are skipped. Every problem is an error naming the file, the line and the equation:
///
/// - the file: empty, not CSV, no data rows, a missing or repeated column, an incomplete slot in the header;
/// - a row: a field count other than the header's, an empty `Filename`, `Output`, `Formula` or `# variables`, a
///   name used by an earlier row, a slot only partly filled, a variable name listed twice or one no formula can
///   spell (`a-b`), a bound that is not a number or not finite, `low >= high`, no variables, a formula that does
///   not parse or that uses a name without a range.
///
/// A `# variables` that differs from the slots filled is not an error but a `note` on the equation: the AI
/// Feynman table itself says 2 for I.18.12 and lists `r, F, theta`, and 6 for II.37.1 with three listed.
public enum FeynmanTable {
    public static func load(_ url: URL) throws(DatasetError) -> [FeynmanEquation] {
        try load(path: url.path)
    }

    /// Reads the table at `path`, which messages quote as given.
    public static func load(path: String) throws(DatasetError) -> [FeynmanEquation] {
        let text: String
        do { text = try FileReader.text(at: path) } catch { throw .io(file: path, reason: error.reason) }
        return try parse(text, file: path)
    }

    /// The columns every table has, in the order of the format.
    static let requiredColumns = ["Filename", "Output", "Formula", "# variables"]
    static let expectedHeader = "Filename, Number, Output, Formula, # variables, v1_name, v1_low, v1_high, ..."

    public static func parse(_ text: String, file: String) throws(DatasetError) -> [FeynmanEquation] {
        let text = text.replacingOccurrences(of: "\u{FEFF}", with: "")
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .invalidData(file: file, reason: "the file is empty; expected an AI Feynman table (header: \(expectedHeader))")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true) } catch {
            throw .invalidData(file: file, reason: "the header row cannot be read as CSV (an unclosed quote?)")
        }
        let header = reader.headerRow ?? []
        let columns = try Columns(header: header, file: file)
        var equations: [FeynmanEquation] = []
        var lineOfName: [String: Int] = [:]
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy(\.isEmpty) { continue }
            let equation = try Self.equation(row, line: line, file: file, header: header, columns: columns)
            if let earlier = lineOfName[equation.name] {
                throw .invalidData(file: file, reason: "line \(line) (\(equation.name.excerpt())): the name '\(equation.name.excerpt())' is also on line \(earlier); name each equation once")
            }
            lineOfName[equation.name] = line
            equations.append(equation)
        }
        if reader.error != nil { throw .invalidData(file: file, reason: "line \(line + 1) cannot be read as CSV (an unclosed quote?)") }
        guard !equations.isEmpty else {
            throw .invalidData(file: file, reason: "no equations: the table has a header but no rows")
        }
        return equations
    }

    /// The header's column indices: the required columns and, per variable slot `vK`, its name, low and high.
    struct Columns {
        var filename = 0, output = 0, formula = 0, count = 0
        var slots: [(name: Int, low: Int, high: Int)] = []

        init(header: [String], file: String) throws(DatasetError) {
            guard !header.isEmpty, header != [""] else {
                throw .invalidData(file: file, reason: "the first line is blank; expected the header \(FeynmanTable.expectedHeader)")
            }
            if let repeated = FeynmanTable.firstRepeated(header.filter { !$0.isEmpty }) {
                let positions = header.indices.filter { header[$0] == repeated }.map { "\($0 + 1)" }
                throw .invalidData(file: file, reason: "column '\(repeated.excerpt())' appears twice in the header (columns \(positions.joined(separator: " and "))); rename one")
            }
            func index(_ name: String) throws(DatasetError) -> Int {
                guard let index = header.firstIndex(of: name) else {
                    throw .invalidData(file: file, reason: "no '\(name)' column (columns: \(header.joined(separator: ", ").excerpt(limit: 200))); expected the header \(FeynmanTable.expectedHeader)")
                }
                return index
            }
            (filename, output, formula, count) = (try index("Filename"), try index("Output"), try index("Formula"), try index("# variables"))
            var k = 1
            while ["name", "low", "high"].contains(where: { header.contains("v\(k)_\($0)") }) {
                slots.append((try index("v\(k)_name"), try index("v\(k)_low"), try index("v\(k)_high")))
                k += 1
            }
            guard !slots.isEmpty else {
                throw .invalidData(file: file, reason: "no 'v1_name' column: the header names no variables; expected the header \(FeynmanTable.expectedHeader)")
            }
        }
    }

    private static func equation(_ row: [String], line: Int, file: String, header: [String], columns: Columns) throws(DatasetError) -> FeynmanEquation {
        func field(_ index: Int) -> String { index < row.count ? row[index] : "" }
        let name = field(columns.filename)
        let place = name.isEmpty ? "line \(line)" : "line \(line) (\(name.excerpt()))"
        func failure(_ reason: String) -> DatasetError { .invalidData(file: file, reason: "\(place): \(reason)") }
        guard row.count == header.count else {
            let trailing = row.count > header.count && row[header.count...].allSatisfy(\.isEmpty)
            throw failure("\(row.count) fields, the header has \(header.count)" + (trailing ? " (the extra fields are empty: trailing commas?)" : ""))
        }
        for (column, what) in [(columns.filename, "Filename"), (columns.output, "Output"), (columns.formula, "Formula"), (columns.count, "# variables")]
        where field(column).isEmpty {
            throw failure("the '\(what)' field is empty")
        }
        let declared = field(columns.count)
        guard let count = Double(declared), count >= 1, count == count.rounded(), count <= 1e6 else {
            throw failure("'# variables' is '\(declared.excerpt())', not a whole number >= 1")
        }
        var variables: [String] = [], ranges: [ClosedRange<Double>] = []
        var slotOfName: [String: Int] = [:]
        for (k, slot) in columns.slots.enumerated() {
            let v = "v\(k + 1)"
            let (variable, lowText, highText) = (field(slot.name), field(slot.low), field(slot.high))
            if variable.isEmpty && lowText.isEmpty && highText.isEmpty { continue }
            for (text, what) in [(variable, "name"), (lowText, "low"), (highText, "high")] where text.isEmpty {
                let given = [(variable, "name"), (lowText, "low"), (highText, "high")].filter { !$0.0.isEmpty }.map { "\(v)_\($0.1) '\($0.0.excerpt())'" }
                throw failure("variable \(k + 1) is incomplete: \(v)_\(what) is empty, but \(given.joined(separator: " and ")) \(given.count == 1 ? "is" : "are") given")
            }
            guard ExpressionParser.variableName(variable) == variable else {
                throw failure("\(v)_name '\(variable.excerpt())' is not a name a formula can use (letters, digits and _, not starting with a digit)")
            }
            if let earlier = slotOfName[variable] {
                throw failure("variable '\(variable.excerpt())' is listed twice (v\(earlier + 1)_name and \(v)_name); name each variable once")
            }
            slotOfName[variable] = k
            guard let low = Double(lowText), let high = Double(highText) else {
                let bad = Double(lowText) == nil ? (lowText, "low") : (highText, "high")
                throw failure("\(v)_\(bad.1) of '\(variable.excerpt())' is '\(bad.0.excerpt())', not a number")
            }
            guard low.isFinite, high.isFinite, (high - low).isFinite else {
                throw failure("the range of '\(variable.excerpt())' is \(lowText.excerpt())..\(highText.excerpt()); expected finite bounds less than 1e308 apart")
            }
            guard low < high else {
                throw failure("the range of '\(variable.excerpt())' is \(lowText.excerpt())..\(highText.excerpt()); expected \(v)_low < \(v)_high")
            }
            variables.append(variable)
            ranges.append(low...high)
        }
        guard !variables.isEmpty else { throw failure("no variables: every vK_name, vK_low and vK_high is empty") }
        let formula = field(columns.formula)
        let truth: Expr
        // A listed variable is a variable even where it spells a constant: a column `e` is not Euler's number.
        do { truth = try ExpressionParser(variables: variables).parse(formula) } catch {
            throw failure("formula '\(formula.excerpt())' does not parse: \(error)")
        }
        let unknown = truth.variables.filter { !variables.contains($0) }
        if !unknown.isEmpty {
            let names = unknown.map { "'\($0.excerpt())'" }.joined(separator: ", ")
            throw failure("formula uses \(names), which \(unknown.count == 1 ? "is" : "are") not among its variables (\(variables.joined(separator: ", ")))")
        }
        let note = Int(count) == variables.count ? nil
            : "'# variables' is \(declared), but \(variables.count) variable\(variables.count == 1 ? " is" : "s are") listed (\(variables.joined(separator: ", "))); the listed ones are used"
        return FeynmanEquation(name: name, output: field(columns.output), formula: formula, truth: truth,
                               variables: variables, ranges: ranges, line: line, note: note)
    }

    /// The first item that occurs twice.
    static func firstRepeated(_ items: [String]) -> String? {
        var seen = Set<String>()
        return items.first { !seen.insert($0).inserted }
    }
}
