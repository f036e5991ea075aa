import Datasets
import Optimization
import Symbolic
import Testing

/// Standardised inputs, and formulas learned on them written back in the data's own units.
@Suite("Standardization")
struct StandardizationTests {
    static let raw = Matrix([[10, -3], [12, -1], [15, 2], [11, 0.5]])

    @Test("standardised columns have mean 0 and deviation 1; raw undoes it")
    func roundTrip() {
        let fitted = Standardization(fittedTo: Self.raw)
        let standardized = fitted.standardized(Self.raw)
        for c in 0..<2 {
            let column = standardized.column(c)
            #expect(abs(column.reduce(0, +)) < 1e-12)
            #expect(abs(column.map { $0 * $0 }.reduce(0, +) / 3 - 1) < 1e-12)
        }
        let back = fitted.raw(standardized)
        #expect(zip(back.values, Self.raw.values).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("columns whose squares overflow (1e300) get a finite deviation; their standardised values keep their spread and raw undoes it")
    func hugeValues() {
        let raw = Matrix([[1e300, -1.7e308], [3e300, 1.7e308], [2e300, 0], [5e300, 1e308]])
        let fitted = Standardization(fittedTo: raw)
        let finite = fitted.means.allSatisfy(\.isFinite) && fitted.scales.allSatisfy { $0.isFinite && $0 > 0 }
        #expect(finite, "\(fitted)")
        let meanError: Double = abs(fitted.means[0] - 2.75e300)
        #expect(meanError < 1e288)
        let standardized = fitted.standardized(raw)
        let column: [Double] = standardized.column(0)
        #expect(Set(column).count == 4)
        let sum: Double = column.reduce(0, +)
        #expect(abs(sum) < 1e-12)
        let back: [Double] = fitted.raw(standardized).column(0), original: [Double] = raw.column(0)
        var worst = 0.0
        for (b, o) in zip(back, original) { worst = max(worst, abs(b - o) / abs(o)) }
        #expect(worst <= 1e-12)
        // As before where nothing overflows: the plain sums, bit for bit.
        let plain = Standardization(fittedTo: Self.raw)
        let expectedMean: Double = 48.0 / 4
        #expect(plain.means[0] == expectedMean)
    }

    @Test("a formula of standardised inputs, in data units, has the same values on the raw rows")
    func formulaInDataUnits() throws {
        let fitted = Standardization(fittedTo: Self.raw)
        let learned = try Expr(parsing: "1.5*u**2 - sin(v) + 0.25*u*v")
        let inUnits = fitted.inDataUnits(learned, variables: ["u", "v"])
        #expect(Set(inUnits.variables) == ["u", "v"])
        let standardized = fitted.standardized(Self.raw)
        for row in 0..<Self.raw.rows {
            let expected = try learned.evaluate(at: ["u": standardized[row, 0], "v": standardized[row, 1]])
            let found = try inUnits.evaluate(at: ["u": Self.raw[row, 0], "v": Self.raw[row, 1]])
            #expect(abs(found - expected) <= 1e-9 * max(1, abs(expected)))
        }
    }

    @Test("input ranges are in the data's own units, over training and test rows")
    func ranges() throws {
        var dataset = try Dataset(trainInputs: Matrix([[0, 1], [1, -1]]), trainLabels: Matrix([[1], [2]]),
                                  testInputs: Matrix([[-1, 0]]), testLabels: Matrix([[3]]))
        #expect(dataset.inputRanges == [-1...1, -1...1])
        dataset.standardization = Standardization(means: [10, 0], scales: [2, 1])
        #expect(dataset.inputRanges == [8...12, -1...1])
    }
}
