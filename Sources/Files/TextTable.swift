import Foundation

/// A table as text, in padded columns separated by two spaces: how reports print their tables (the Pareto front
/// of a discovery, the rows of a benchmark, a comparison of models, the candidates of an edge).
public struct TextTable: Sendable, Equatable {
    /// The header, then the rows appended, each with as many cells as the header.
    public private(set) var rows: [[String]]

    /// An empty table with these column names.
    public init(header: [String]) {
        rows = [header]
    }

    /// Adds a row below the others.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as text, one line per row, each ending in a newline; cells padded to their column's widest.
    public var text: String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
