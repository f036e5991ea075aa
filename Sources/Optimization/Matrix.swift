/// A dense row-major matrix of `Double`s: `rows` samples by `columns` features, the layout of every batch.
public struct Matrix: Equatable, Sendable, Codable {
    public let rows: Int
    public let columns: Int
    /// `values[r * columns + c]` is row `r`, column `c`.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "matrix \(rows)x\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows of different lengths")
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// One row as an array.
    public func row(_ index: Int) -> [Double] { Array(values[index * columns..<(index + 1) * columns]) }

    /// One column as an array.
    public func column(_ index: Int) -> [Double] { (0..<rows).map { values[$0 * columns + index] } }

    /// The rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * columns)
        for index in indices { selected.append(contentsOf: values[index * columns..<(index + 1) * columns]) }
        return Matrix(rows: indices.count, columns: columns, values: selected)
    }
}
