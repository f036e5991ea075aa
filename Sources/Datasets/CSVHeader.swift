import Symbolic

/// A CSV file's header row, checked for loading, and where the columns to load are in it: the target's and, in
/// order, the inputs'.
struct CSVHeader {
    /// The column names, in file order.
    let names: [String]
    let targetIndex: Int
    let inputNames: [String]
    let inputIndices: [Int]
    /// The column of the rows' measurement errors or weights (`CSVOptions.sigma`, `.weights`), and where it is.
    let weightColumn: String?
    let weightIndex: Int?
    /// True when the weight column holds measurement errors (sigma) rather than weights.
    let weightsAreSigmas: Bool

    /// Checks `row` (nil when the reader found none) and finds the target and input columns of `options` in it.
    /// Errors name `file`: a blank header, a name that runs over several lines, is empty or repeated; the target
    /// among the inputs; a column that is not in the header; no inputs.
    init(_ row: [String]?, options: CSVOptions, file: String) throws(DatasetError) {
        guard let header = row, !header.isEmpty, header != [""] else {
            throw .invalidData(file: file, reason: "the first line is blank; expected a header row of column names")
        }
        try Self.checkNames(header, file: file)
        if let inputs = options.inputs, inputs.contains(options.target) {
            throw .invalidData(file: file, reason: "the target '\(options.target)' is also listed among the inputs")
        }
        let columns = header.joined(separator: ", ").excerpt(limit: 200)
        guard let targetIndex = header.firstIndex(of: options.target) else {
            throw .invalidData(file: file, reason: "no column '\(options.target.excerpt())' (columns: \(columns))\(CSVSeparatorHint.note(for: header))")
        }
        let weightColumn = try Self.weightColumn(options, file: file)
        var weightIndex: Int?
        if let weightColumn {
            guard let index = header.firstIndex(of: weightColumn) else {
                throw .invalidData(file: file, reason: "no column '\(weightColumn.excerpt())' for the \(options.sigma == nil ? "weights" : "measurement errors (sigma)") (columns: \(columns))")
            }
            weightIndex = index
        }
        let inputNames = options.inputs ?? header.filter { $0 != options.target && $0 != weightColumn }
        var inputIndices: [Int] = []
        for name in inputNames {
            guard let index = header.firstIndex(of: name) else {
                throw .invalidData(file: file, reason: "no column '\(name.excerpt())' (columns: \(columns))")
            }
            inputIndices.append(index)
        }
        guard !inputIndices.isEmpty else { throw .invalidData(file: file, reason: "no input columns") }
        (names, self.targetIndex, self.inputNames, self.inputIndices) = (header, targetIndex, inputNames, inputIndices)
        (self.weightColumn, self.weightIndex, weightsAreSigmas) = (weightColumn, weightIndex, options.sigma != nil)
    }

    /// The column named by `options.sigma` or `options.weights`: not both, not the target, not an input.
    private static func weightColumn(_ options: CSVOptions, file: String) throws(DatasetError) -> String? {
        if options.sigma != nil, options.weights != nil {
            throw .invalidOption(name: "sigma", value: options.sigma!, reason: "give the rows' measurement errors (sigma) or their weights, not both")
        }
        guard let column = options.sigma ?? options.weights else { return nil }
        let role = options.sigma == nil ? "weights" : "measurement errors (sigma)"
        if column == options.target {
            throw .invalidData(file: file, reason: "the target '\(column.excerpt())' cannot also be the rows' \(role)")
        }
        if options.inputs?.contains(column) == true {
            throw .invalidData(file: file, reason: "'\(column.excerpt())' is listed among the inputs and as the rows' \(role); a column is one or the other")
        }
        return column
    }

    /// Throws for the first column name that runs over several lines, then for the first empty one, then for the
    /// first repeated one.
    private static func checkNames(_ header: [String], file: String) throws(DatasetError) {
        if let multiline = header.firstIndex(where: { $0.contains("\n") }) {
            throw .invalidData(file: file, reason: "column \(multiline + 1) of the header runs over several lines (an unclosed quote?)")
        }
        if let empty = header.firstIndex(of: "") {
            throw .invalidData(file: file, reason: "column \(empty + 1) of the header has no name (a trailing comma?); name every column")
        }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw .invalidData(file: file, reason: "column '\(name.excerpt())' appears twice in the header; rename one")
        }
    }
}
