import Fitting
import Foundation
import Optimization
import Symbolic

/// A law of the form `y = F(z) / prod x_i^q_i` with `z = prod x_i^p_i`, small integer powers of the inputs: the target,
/// once multiplied by a prefactor, depends on one combination of the inputs alone (`2*U*(1 - cos(k*d))` is
/// `U * F(k*d)`, `exp(-(theta/sigma)^2/2)/(sqrt(2*pi)*sigma)` is `F(theta/sigma) / sigma`).
///
/// Found from the data, with no surrogate network: with the rows sorted by `z`, each `w = y * prod x_i^q_i` is
/// predicted by linear interpolation between its two neighbours in `z`, and the root mean square of the misses
/// relative to the spread of `w` (the roughness) is near 0 only when `w` is a function of `z`. This stands in for AI
/// Feynman's dimensional analysis, which needs units the data do not give, and it catches laws that oscillate over
/// several periods (`sin(2*pi*E*t/h)^2`), which a surrogate does not learn well enough to test structure on.
struct MonomialCollapse: Equatable {
    /// `q`: the prefactor's exponents, one per input.
    let prefactor: [Int]
    /// `p`: the combination's exponents, one per input.
    let combination: [Int]
    /// The relative root mean square of the interpolation misses.
    let roughness: Double

    /// Past this roughness `w` is not taken as a function of `z` (exact collapses of 1,500 rows score below 0.05,
    /// at 1% noise a little more; the combinations that do not collapse, 0.2 and up).
    static let roughest = 0.1
    /// The most inputs searched: the candidates grow as `3^n * 5^n` (`3^n * 3^n` from 4 inputs on).
    static let mostInputs = 5
    /// How many of the collapses that tie for the best go on to curve fitting.
    static let kept = 3

    /// The collapses of `rows` (all inputs non-zero) and `targets` that tie for the lowest roughness, simplest first;
    /// empty when none is below `roughest` or the data do not allow the search, or once `deadline` has passed
    /// (checked before each combination's prefactors: up to 243 of each on five inputs).
    static func search(rows: [[Double]], targets: [Double], deadline: Deadline? = nil) -> [MonomialCollapse] {
        let n = rows.first?.count ?? 0
        guard (2...mostInputs).contains(n), rows.count >= 16,
              rows.allSatisfy({ $0.allSatisfy { $0 != 0 && $0.isFinite } }), targets.allSatisfy(\.isFinite) else { return [] }
        let prefactorRange = n <= 3 ? -2...2 : -1...1
        // powers[input][e + 6][row] = rows[row][input]^e: `canonical` never enlarges q, whose size is at most 6.
        let powers = (0..<n).map { i in (-6...6).map { e in rows.map { Foundation.pow($0[i], Double(e)) } } }
        var found: [MonomialCollapse] = []
        var seen = Set<[Int]>()
        for combination in exponentVectors(n, in: -1...1) where combination.first(where: { $0 != 0 }).map({ $0 > 0 }) ?? false {
            if deadline?.hasPassed ?? false { return [] }
            let z = rows.map { monomial($0, combination) }
            let order = z.indices.sorted { z[$0] < z[$1] }
            let sortedZ = order.map { z[$0] }
            for exponents in exponentVectors(n, in: prefactorRange) {
                // A prefactor that is a power of z collapses whenever its rest does: one per class of q + m*p.
                let prefactor = canonical(exponents, modulo: combination)
                guard seen.insert(combination + prefactor).inserted else { continue }
                var w = order.map { targets[$0] }
                for (i, e) in prefactor.enumerated() where e != 0 {
                    let column = powers[i][e + 6]
                    for (k, row) in order.enumerated() { w[k] *= column[row] }
                }
                let value = roughness(z: sortedZ, w: w)
                if value <= roughest { found.append(MonomialCollapse(prefactor: prefactor, combination: combination, roughness: value)) }
            }
        }
        guard let best = found.map(\.roughness).min() else { return [] }
        let tied = found.filter { $0.roughness <= max(2 * best, 0.005) }
        return Array(tied.sorted { ($0.complexity, $0.roughness) < ($1.complexity, $1.roughness) }.prefix(kept))
    }

    /// How many powers the collapse's formula writes.
    var complexity: Int { Self.size(prefactor) + Self.size(combination) }

    /// How many powers a monomial with `exponents` writes: the sum of their magnitudes.
    static func size(_ exponents: [Int]) -> Int { exponents.reduce(0) { $0 + abs($1) } }

    /// `prod row_i^exponents_i`.
    static func monomial(_ row: [Double], _ exponents: [Int]) -> Double {
        var value = 1.0
        for (x, e) in zip(row, exponents) where e != 0 { value *= e == 1 ? x : Foundation.pow(x, Double(e)) }
        return value
    }

    /// Every vector of `n` exponents in `range`.
    static func exponentVectors(_ n: Int, in range: ClosedRange<Int>) -> [[Int]] {
        (0..<n).reduce([[]]) { partial, _ in partial.flatMap { prefix in range.map { prefix + [$0] } } }
    }

    /// Of `q + m*p` for `m` in -4...4, the one with the fewest powers (then the larger exponents first).
    static func canonical(_ q: [Int], modulo p: [Int]) -> [Int] { simplest(q, modulo: p)[0] }

    /// Every `q + m*p` for `m` in -4...4 with the fewest powers, the larger exponents first. They collapse alike, but
    /// leave different functions of `z` (`y/x1 = sin(x2/x1)`, `y/x2 = sin(x2/x1)*x1/x2`).
    static func simplest(_ q: [Int], modulo p: [Int]) -> [[Int]] {
        let shifted = (-4...4).map { m in zip(q, p).map { $0 + m * $1 } }
        let fewest = shifted.map(size).min()!
        return shifted.filter { size($0) == fewest }.sorted { $0.lexicographicallyPrecedes($1, by: >) }
    }

    /// The relative root mean square of `w[i]` less its linear interpolation between `w[i-1]` and `w[i+1]` at
    /// `z[i]`, for `z` ascending; 0 when `w` is constant.
    static func roughness(z: [Double], w: [Double]) -> Double {
        let spread = Metrics.standardDeviation(w)
        guard spread > 1e-9 * (w.map(abs).max() ?? 0) else { return 0 }
        var squares = 0.0
        for i in 1..<(w.count - 1) {
            let span = z[i + 1] - z[i - 1]
            let fraction = span > 0 ? (z[i] - z[i - 1]) / span : 0.5
            let miss = w[i] - (w[i - 1] + (w[i + 1] - w[i - 1]) * fraction)
            squares += miss * miss
        }
        return (squares / Double(w.count - 2)).squareRoot() / spread
    }

    /// `prod variables_i^exponents_i` as an expression (1 when every exponent is 0).
    static func expression(_ exponents: [Int], variables: [String]) -> Expr {
        let factors = zip(variables, exponents).filter { $0.1 != 0 }.map { name, e in
            e == 1 ? Expr.variable(name) : .power(.variable(name), .constant(Double(e)))
        }
        return factors.isEmpty ? .constant(1) : .product(factors)
    }
}

extension MonomialCollapse {
    /// The collapse trial: the best collapses of the fitting rows, `F` of each fitted by the curve solver to `(z, w)`
    /// and to `(1/z, w)`, for each of the simplest equivalent prefactors (the search keeps one of `z` and `1/z` and
    /// one prefactor, and the library's functions take an affine argument: `exp(-(theta/sigma)^2/2)` is a gaussian
    /// of `theta/sigma`, not of `sigma/theta`), the formulas `F(z) / prod x^q` refitted and screened on held-out rows.
    static func formulas(_ data: DiscoveryData, library: FunctionLibrary, deadline: Deadline) throws -> [Expr] {
        let rows = data.fitRows, targets = data.fitTargets
        var formulas: [Expr] = []
        let collapses = search(rows: rows, targets: targets, deadline: deadline)
        try deadline.check()
        for collapse in collapses {
            let curves = CurveSolver(library: FittableLibrary(library), noise: collapse.roughness, deadline: deadline)
            // z and 1/z, each with its values and its expression.
            let arguments = [1, -1].map { orientation in
                let combination = collapse.combination.map { orientation * $0 }
                return (values: rows.map { monomial($0, combination) }, expression: expression(combination, variables: data.variables))
            }
            for exponents in simplest(collapse.prefactor, modulo: collapse.combination) {
                let w = zip(rows, targets).map { $1 * monomial($0, exponents) }
                let prefactor = expression(exponents.map { -$0 }, variables: data.variables)
                for (z, argument) in arguments {
                    try deadline.check()
                    for curve in curves.solve(u: z, y: w, input: argument) {
                        let formula = (prefactor * curve).simplified()
                        if !formulas.contains(formula) { formulas.append(formula) }
                    }
                }
            }
        }
        try deadline.check()
        return Decomposer.screened(formulas, data: data, deadline: deadline)
    }
}
