/// An exact fraction, for the linear algebra of unit exponents (dimensional analysis), where a square root's 1/2
/// must stay 1/2. Always reduced, with a positive denominator.
struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    let numerator: Int
    let denominator: Int

    init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a fraction with denominator 0")
        let divisor = Self.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / max(divisor, 1)
        self.denominator = sign * denominator / max(divisor, 1)
    }

    static let zero = Rational(0)
    static let one = Rational(1)

    var isZero: Bool { numerator == 0 }
    var isInteger: Bool { denominator == 1 }
    var doubleValue: Double { Double(numerator) / Double(denominator) }
    var magnitude: Rational { Rational(abs(numerator), denominator) }

    var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func + (a: Rational, b: Rational) -> Rational { Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator) }
    static func - (a: Rational, b: Rational) -> Rational { a + Rational(-b.numerator, b.denominator) }
    static func * (a: Rational, b: Rational) -> Rational { Rational(a.numerator * b.numerator, a.denominator * b.denominator) }
    static func / (a: Rational, b: Rational) -> Rational { Rational(a.numerator * b.denominator, a.denominator * b.numerator) }
    static prefix func - (a: Rational) -> Rational { Rational(-a.numerator, a.denominator) }
    static func < (a: Rational, b: Rational) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    static func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }
}

/// A matrix of fractions reduced to row echelon form: the rank, the pivot columns, and the solutions of
/// `A x = b` and `A x = 0` it gives.
struct RowEchelon {
    /// Rows of the reduced matrix, augmented by the right-hand side when one was given.
    private(set) var rows: [[Rational]]
    let columns: Int
    private(set) var pivots: [Int] = []

    /// Reduces `matrix` (`rows x columns`), augmented by `rightHandSide` if given, to reduced row echelon form,
    /// pivoting on the leftmost columns first.
    init(_ matrix: [[Rational]], columns: Int, rightHandSide: [Rational]? = nil) {
        self.columns = columns
        rows = matrix.enumerated().map { index, row in row + (rightHandSide.map { [$0[index]] } ?? []) }
        var pivotRow = 0
        for column in 0..<columns where pivotRow < rows.count {
            guard let found = (pivotRow..<rows.count).first(where: { !rows[$0][column].isZero }) else { continue }
            rows.swapAt(pivotRow, found)
            let pivot = rows[pivotRow][column]
            rows[pivotRow] = rows[pivotRow].map { $0 / pivot }
            for other in rows.indices where other != pivotRow && !rows[other][column].isZero {
                let factor = rows[other][column]
                rows[other] = zip(rows[other], rows[pivotRow]).map { $0 - factor * $1 }
            }
            pivots.append(column)
            pivotRow += 1
        }
    }

    var rank: Int { pivots.count }

    /// One solution of `A x = b` (free variables 0), or nil when there is none (a row `0 = c`, c != 0).
    var particularSolution: [Rational]? {
        guard let last = rows.first?.indices.last, last == columns else { return nil }
        if rows.dropFirst(rank).contains(where: { !$0[last].isZero }) { return nil }
        var solution = [Rational](repeating: .zero, count: columns)
        for (row, column) in pivots.enumerated() { solution[column] = rows[row][last] }
        return solution
    }

    /// A basis of the solutions of `A x = 0`: one vector per free column, scaled to whole numbers.
    var nullSpace: [[Int]] {
        let free = (0..<columns).filter { !pivots.contains($0) }
        return free.map { freeColumn in
            var vector = [Rational](repeating: .zero, count: columns)
            vector[freeColumn] = .one
            for (row, column) in pivots.enumerated() { vector[column] = -rows[row][freeColumn] }
            let scale = vector.reduce(1) { Rational.lcm($0, $1.denominator) }
            return vector.map { ($0 * Rational(scale)).numerator }
        }
    }
}
