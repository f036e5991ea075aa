import Datasets
import Foundation
import Optimization
import Symbolic

/// Buckingham-Pi reduction, as AI Feynman's dimensional analysis does it: with the units of the inputs and of the
/// target, the target divided by a monomial of the inputs that has its units (`scale`) is dimensionless, and so a
/// function of dimensionless groups of the inputs (`groups`, a basis of the monomials without units):
/// `F = q*Ef * f(theta)`, `T = sqrt(L/g) * f()`. Discovery then searches `f` over fewer variables, and every formula
/// it finds has balanced units by construction.
///
/// The groups are the simplest basis: integer exponents in -2...2 with the fewest inputs, then the smallest
/// exponents (`v/c`, not `v^2/c^2`), found by enumeration up to nine inputs, from the echelon form's null space
/// beyond. Of the monomials with the target's units, the one leaving the dimensionless target closest to constant
/// on the data (smallest spread of its logarithm) is taken, simplest first among equals: the reduction that
/// explains most of the target by units alone.
public struct PiReduction: Sendable, Equatable {
    /// The inputs' formula variables, in the data's order.
    public var variables: [String]
    /// The exponent of each input in the monomial that carries the target's units.
    public var scale: [Double]
    /// Each dimensionless group's integer exponent of each input.
    public var groups: [[Int]]
    /// The reduced data's variable for each group (`pi1`, ... unless an input is so named).
    public var groupNames: [String]

    /// Why units give no reduction.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The target's units are no product of powers of the inputs' units.
        case unbalanced(target: String)
        /// A monomial needs a root or an inverse of an input that is not positive in every row.
        case inputNotPositive(String)
        /// Every input is already dimensionless and so is the target: there is nothing to reduce.
        case nothingToReduce

        public var description: String {
            switch self {
            case .unbalanced(let target):
                return "the units of '\(target)' are no product of powers of the inputs' units (a dimensional constant, such as c or G, may be missing from the data), so units cannot reduce the search"
            case .inputNotPositive(let name):
                return "'\(name)' is not positive in every row, and the reduction needs its powers, so units cannot reduce the search"
            case .nothingToReduce:
                return "every input and the target are dimensionless: units do not reduce the search"
            }
        }
    }

    /// The reduction for inputs with `dimensions` (one exponent vector per input, base units in a common order) and
    /// a target with `targetDimensions`, choosing the scale by the rows of `inputs` and `targets`.
    public static func find(variables: [String], dimensions: [[Int]], target: String, targetDimensions: [Int],
                            inputs: [[Double]], targets: [Double]) throws(Failure) -> PiReduction {
        let units = dimensions.first?.count ?? targetDimensions.count
        let matrix = (0..<units).map { unit in dimensions.map { Rational($0[unit]) } }
        let echelon = RowEchelon(matrix, columns: variables.count, rightHandSide: targetDimensions.map { Rational($0) })
        guard let particular = echelon.particularSolution else { throw .unbalanced(target: target) }
        let groups = simplestGroups(matrix: matrix, columns: variables.count, count: variables.count - echelon.rank,
                                    fallback: echelon.nullSpace)
        if groups.count == variables.count, particular.allSatisfy(\.isZero) { throw .nothingToReduce }
        let dimensionless = Set(dimensions.indices.filter { dimensions[$0].allSatisfy { $0 == 0 } })
        let scale = bestScale(particular: particular, groups: groups, inputs: inputs, targets: targets, dimensionless: dimensionless)
        let needsPositive = scale.indices.filter { !scale[$0].isInteger || scale[$0] < .zero }
            + groups.flatMap { group in group.indices.filter { group[$0] < 0 } }
        for column in Set(needsPositive).sorted() where !inputs.allSatisfy({ $0[column] > 0 }) {
            throw .inputNotPositive(variables[column])
        }
        var taken = Set(variables)
        var names: [String] = []
        var index = 1
        while names.count < groups.count {
            if taken.insert("pi\(index)").inserted { names.append("pi\(index)") }
            index += 1
        }
        return PiReduction(variables: variables, scale: scale.map(\.doubleValue), groups: groups, groupNames: names)
    }

    /// The monomial with the target's units.
    public var scaleExpression: Expr { Self.monomial(variables, scale) }

    /// Group `index` as a monomial of the inputs.
    public func groupExpression(_ index: Int) -> Expr { Self.monomial(variables, groups[index].map(Double.init)) }

    /// `F/(Ef*q) = f(theta)`: what the reduction did, in the data's names (`inputNames`, `target`).
    public func summary(inputNames: [String], target: String) -> String {
        let renaming = Dictionary(uniqueKeysWithValues: zip(variables, inputNames.map { Expr.variable($0) }))
        let printer = PlainTextPrinter()
        let left = printer.print((Expr.variable(target) / scaleExpression).substituting(renaming).simplified())
        let arguments = groups.indices.map { printer.print(groupExpression($0).substituting(renaming)) }
        return "\(left) = f(\(arguments.joined(separator: ", ")))"
    }

    /// The data in the reduced variables: one column per group (at least one), the target divided by the scale
    /// monomial (and the rows' weights multiplied by its square). The dataset's inputs are the raw columns (not
    /// standardised).
    public func reduced(_ dataset: Dataset) throws -> Dataset {
        func transform(_ rows: Matrix, _ labels: Matrix) -> (Matrix, Matrix) {
            var grouped: [[Double]] = [], targets: [Double] = []
            for r in 0..<rows.rows {
                let row = rows.row(r)
                grouped.append(groups.map { Self.value(of: $0.map(Double.init), at: row) })
                targets.append(labels[r, 0] / Self.value(of: scale, at: row))
            }
            return (Matrix(grouped), Matrix(rows: targets.count, columns: 1, values: targets))
        }
        let (trainInputs, trainLabels) = transform(dataset.trainInputs, dataset.trainLabels)
        let (testInputs, testLabels) = transform(dataset.testInputs, dataset.testLabels)
        var reduced = try Dataset(trainInputs: trainInputs, trainLabels: trainLabels, testInputs: testInputs, testLabels: testLabels,
                                  inputNames: groupNames, outputNames: dataset.outputNames)
        // y / s has the error sigma / |s|: its weight is w * s^2.
        reduced.weights = dataset.weights.map { weights in
            func scaled(_ w: [Double], _ rows: Matrix) -> [Double] {
                w.indices.map { r in w[r] * pow(Self.value(of: scale, at: rows.row(r)), 2) }
            }
            var result = weights
            (result.train, result.test) = (scaled(weights.train, dataset.trainInputs), scaled(weights.test, dataset.testInputs))
            return result
        }
        return reduced
    }

    /// A formula `f` of the groups as a formula of the inputs: `scale * f(groups)`, simplified.
    public func composed(_ formula: Expr) -> Expr {
        let bindings = Dictionary(uniqueKeysWithValues: groupNames.indices.map { (groupNames[$0], groupExpression($0)) })
        return (scaleExpression * formula.substituting(bindings)).simplified()
    }

    // MARK: - Choosing the groups and the scale

    /// `count` independent integer vectors `g` with `matrix * g = 0`: the fewest non-zero exponents first, then the
    /// smallest, each with its first non-zero exponent positive. Enumerated over -2...2 up to nine inputs; the
    /// echelon form's basis fills what enumeration leaves.
    static func simplestGroups(matrix: [[Rational]], columns: Int, count: Int, fallback: [[Int]]) -> [[Int]] {
        guard count > 0 else { return [] }
        var candidates: [[Int]] = []
        if columns <= 9 {
            var vector = [Int](repeating: -2, count: columns)
            let total = Int(pow(5.0, Double(columns)))
            for _ in 0..<total {
                if let first = vector.first(where: { $0 != 0 }), first > 0,
                   matrix.allSatisfy({ row in zip(row, vector).reduce(Rational.zero) { $0 + $1.0 * Rational($1.1) }.isZero }) {
                    candidates.append(vector)
                }
                for position in vector.indices.reversed() {
                    if vector[position] < 2 { vector[position] += 1; break }
                    vector[position] = -2
                }
            }
            candidates.sort { a, b in
                let key = { (v: [Int]) in (v.filter { $0 != 0 }.count, v.reduce(0) { $0 + abs($1) }, v.map { abs($0) }.max() ?? 0) }
                let (ka, kb) = (key(a), key(b))
                if ka != kb { return ka < kb }
                return a.map { $0 == 0 ? 1 : 0 }.lexicographicallyPrecedes(b.map { $0 == 0 ? 1 : 0 })
            }
        }
        var chosen: [[Int]] = []
        for vector in candidates + fallback where chosen.count < count {
            let stacked = (chosen + [vector]).map { $0.map { Rational($0) } }
            if RowEchelon(stacked, columns: columns).rank == chosen.count + 1 { chosen.append(vector) }
        }
        return chosen
    }

    /// Of `particular + sum c_j groups_j` (c_j in -2...2): the exponents that leave the dimensionless target constant
    /// on the rows (spread of its logarithm below `constantSpread`: units explain the whole law, `q1*q2/(epsilon*r^2)`
    /// for Coulomb's), else the smallest exponents (a group's power in the scale would only make the function to
    /// find harder: `n = f(g)`, not `n*g = g*f(g)`), the least spread among equals. Inputs
    /// without units (the columns `dimensionless`: an angle, a ratio) stay out of the scale where any scale can do
    /// without them: they carry no units, and the law's dependence on them is the search's to find
    /// (`Int/I1 = f(delta, I1/I2)`, not `Int*delta/I1`).
    static func bestScale(particular: [Rational], groups: [[Int]], inputs: [[Double]], targets: [Double],
                          dimensionless: Set<Int> = []) -> [Rational] {
        let reach = groups.count <= 6 ? 2 : (groups.count <= 9 ? 1 : 0)
        var choices: [(spread: Double, size: Rational, scale: [Rational], withoutDimensionless: Bool)] = []
        var steps = [Int](repeating: -reach, count: groups.count)
        let rows = Array(zip(inputs, targets).prefix(2000))
        repeat {
            var scale = particular
            for (group, step) in zip(groups, steps) where step != 0 {
                for column in scale.indices { scale[column] = scale[column] + Rational(step * group[column]) }
            }
            let logs = rows.compactMap { row, target -> Double? in
                let value = abs(target / value(of: scale.map(\.doubleValue), at: row))
                return value > 0 && value.isFinite ? log(value) : nil
            }
            let spread = logs.count == rows.count && !logs.isEmpty ? Metrics.standardDeviation(logs) : .infinity
            choices.append((spread, scale.reduce(Rational.zero) { $0 + $1.magnitude }, scale, dimensionless.allSatisfy { scale[$0].isZero }))
        } while advance(&steps, reach: reach)
        // The scales without the dimensionless inputs where there are any; the first in enumeration order among ties.
        func preferred<T>(_ candidates: [T], _ without: (T) -> Bool) -> [T] {
            candidates.contains(where: without) ? candidates.filter(without) : candidates
        }
        let flattest = preferred(choices, \.withoutDimensionless).min { lhs, rhs in
            lhs.spread < rhs.spread * (1 - 1e-6) - 1e-12
                || (abs(lhs.spread - rhs.spread) <= 1e-6 * rhs.spread + 1e-12 && lhs.size < rhs.size)
        }
        if let flattest, flattest.spread < Self.constantSpread { return flattest.scale }
        let smallest = preferred(choices.filter(\.spread.isFinite), \.withoutDimensionless).min { ($0.size, $0.spread) < ($1.size, $1.spread) }
        return smallest?.scale ?? particular
    }

    private static func advance(_ steps: inout [Int], reach: Int) -> Bool {
        for position in steps.indices.reversed() {
            if steps[position] < reach { steps[position] += 1; return true }
            steps[position] = -reach
        }
        return false
    }

    /// A spread of the logarithm of the dimensionless target below which it is a constant (exact data give about
    /// 1e-15; 1% noise about 0.01).
    static let constantSpread = 0.05

    static func value(of exponents: [Double], at row: [Double]) -> Double {
        zip(exponents, row).reduce(1.0) { product, pair in pair.0 == 0 ? product : product * pow(pair.1, pair.0) }
    }

    static func monomial(_ variables: [String], _ exponents: [Double]) -> Expr {
        zip(variables, exponents).reduce(Expr.constant(1)) { product, pair in
            pair.1 == 0 ? product : product * Expr.power(.variable(pair.0), .constant(pair.1))
        }.simplified()
    }
}
