import Fitting
import Foundation
import Symbolic
import Testing
import TestSupport

/// Data from y = 2 f(1.5 x + 0.3) - 0.7 (pykan's reference setting), fitted back.
@Suite("Affine fits of every library function")
struct AffineFitterTests {
    static let library = try! FunctionLibrary.standard()

    /// Per function: where x is sampled, and the simplest constants equivalent to (1.5, 0.3, 2, -0.7), written
    /// out by hand (for powers |a| = 1 and c absorbs 1.5^p; exp absorbs b into c; log absorbs a into d).
    static let cases: [(name: String, range: ClosedRange<Double>, expected: (Double, Double, Double, Double))] = [
        ("x", -1...1, (1, 0, 3, -0.1)),
        ("x^2", -1...1, (1, 0.2, 4.5, -0.7)),
        ("x^3", -1...1, (1, 0.2, 6.75, -0.7)),
        ("x^4", -1...1, (1, 0.2, 10.125, -0.7)),
        ("x^5", -1...1, (1, 0.2, 15.1875, -0.7)),
        ("1/x", 0.1...2, (1, 0.2, 2 / 1.5, -0.7)),
        ("1/x^2", 0.1...2, (1, 0.2, 2 / 2.25, -0.7)),
        ("1/x^3", 0.1...2, (1, 0.2, 2 / 3.375, -0.7)),
        ("1/x^4", 0.1...2, (1, 0.2, 2 / 5.0625, -0.7)),
        ("1/x^5", 0.1...2, (1, 0.2, 2 / 7.59375, -0.7)),
        ("sqrt", 0.1...2, (1, 0.2, 2 * 1.5.squareRoot(), -0.7)),
        ("x^0.5", 0.1...2, (1, 0.2, 2 * 1.5.squareRoot(), -0.7)),
        ("x^1.5", 0.1...2, (1, 0.2, 2 * pow(1.5, 1.5), -0.7)),
        ("1/sqrt(x)", 0.1...2, (1, 0.2, 2 / 1.5.squareRoot(), -0.7)),
        ("1/x^0.5", 0.1...2, (1, 0.2, 2 / 1.5.squareRoot(), -0.7)),
        ("exp", -1...1, (1.5, 0, 2 * exp(0.3), -0.7)),
        ("log", 0.1...2, (1, 0.2, 2, -0.7 + 2 * log(1.5))),
        ("abs", -1...1, (1, 0.2, 3, -0.7)),
        ("sin", -1...1, (1.5, 0.3, 2, -0.7)),
        ("cos", -1...1, (1.5, 0.3, 2, -0.7)),
        ("tan", -1...0.8, (1.5, 0.3, 2, -0.7)),
        ("tanh", -1...1, (1.5, 0.3, 2, -0.7)),
        ("cosh", -1...1, (1.5, 0.3, 2, -0.7)),
        ("sinh", -1...1, (1.5, 0.3, 2, -0.7)),
        ("arcsin", -0.8...0.4, (1.5, 0.3, 2, -0.7)),
        ("arccos", -0.8...0.4, (1.5, 0.3, 2, -0.7)),
        ("arctan", -1...1, (1.5, 0.3, 2, -0.7)),
        ("arctanh", -0.8...0.4, (1.5, 0.3, 2, -0.7)),
        ("gaussian", -1...1, (1.5, 0.3, 2, -0.7)),
    ]

    static func data(_ name: String, range: ClosedRange<Double>, noise: Double = 0, seed: UInt64 = 1) throws -> ([Double], [Double]) {
        let function = try library.function(named: name)
        let x = (0...100).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 100 }
        var random = SeededGenerator(seed: seed)
        let clean = try x.map { try 2 * function.definition.evaluate(at: ["x": 1.5 * $0 + 0.3]) - 0.7 }
        let spread = (clean.max()! - clean.min()!)
        return (x, clean.map { $0 + noise * spread * Double.random(in: -1...1, using: &random) })
    }

    @Test("noise-free data: the constants come back to 1e-6, r2 = 1", arguments: 0..<cases.count)
    func exact(index: Int) throws {
        let (name, range, expected) = Self.cases[index]
        let (x, y) = try Self.data(name, range: range)
        let fit = try AffineFitter().fit(try Self.library.function(named: name), x: x, y: y)
        let got = fit.constants
        for (label, value, want) in [("a", got.a, expected.0), ("b", got.b, expected.1), ("c", got.c, expected.2), ("d", got.d, expected.3)] {
            #expect(abs(value - want) <= 1e-6 * max(1, abs(want)), "\(name): \(label) = \(value), expected \(want); \(got)")
        }
        #expect(fit.r2 > 1 - 1e-12, "\(name): r2 \(fit.r2)")
    }

    @Test("1% noise: r2 above 0.99 and the constants within a few percent", arguments: 0..<cases.count)
    func noisy(index: Int) throws {
        let (name, range, expected) = Self.cases[index]
        let (x, y) = try Self.data(name, range: range, noise: 0.01)
        let fit = try AffineFitter().fit(try Self.library.function(named: name), x: x, y: y)
        #expect(fit.r2 > 0.99, "\(name): r2 \(fit.r2)")
        let got = fit.constants
        for (value, want) in [(got.a, expected.0), (got.c, expected.2)] {
            #expect(abs(value - want) <= 0.1 * max(1, abs(want)), "\(name): \(got) vs \(expected)")
        }
    }

    @Test("tan across its pole (pykan's reference data, x in [-1, 1]): exact")
    func tanAcrossPole() throws {
        let (x, y) = try Self.data("tan", range: -1...1)
        #expect(y.max()! > 100 && y.min()! < -100)
        let fit = try AffineFitter().fit(try Self.library.function(named: "tan"), x: x, y: y)
        let k = fit.constants
        #expect(abs(k.a - 1.5) < 1e-6 && abs(k.b - 0.3) < 1e-6 && abs(k.c - 2) < 1e-6 && abs(k.d + 0.7) < 1e-6, "\(k)")
    }

    @Test("r2 is 1 - SSR/SST of the reported constants, recomputed independently")
    func r2() throws {
        let (x, y) = try Self.data("tanh", range: -1...1, noise: 0.05)
        let fit = try AffineFitter().fit(try Self.library.function(named: "sin"), x: x, y: y)
        let k = fit.constants
        let predictions = x.map { k.c * sin(k.a * $0 + k.b) + k.d }
        let mean = y.reduce(0, +) / Double(y.count)
        let ssr = zip(predictions, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let sst = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        expectClose(fit.r2, 1 - ssr / sst, tolerance: 1e-12)
        #expect(fit.r2 > 0.9 && fit.r2 < 1)
    }

    @Test("sgn and 0, whose a and b are not identifiable: the step's height, level and place; the mean")
    func stepAndZero() throws {
        let (x, y) = try Self.data("sgn", range: -1...1)
        let step = try AffineFitter().fit(try Self.library.function(named: "sgn"), x: x, y: y)
        #expect(step.r2 > 1 - 1e-12)
        // 2 sgn(1.5 x + 0.3) - 0.7: height c = 2, level d = -0.7, the jump at x = -b/a = -0.2 (samples 0.02 apart).
        let k = step.constants
        expectClose(k.c, 2, tolerance: 1e-6)
        expectClose(k.d, -0.7, tolerance: 1e-6)
        #expect(abs(-k.b / k.a + 0.2) <= 0.02, "\(k)")
        let zero = try AffineFitter().fit(try Self.library.function(named: "0"), x: x, y: y)
        expectClose(zero.constants.d, y.reduce(0, +) / Double(y.count), tolerance: 1e-12)
        #expect(zero.constants.c == 0 && abs(zero.r2) < 1e-12)
    }

    @Test("starts outside the domain are dropped, not crashed on", arguments: ["log", "sqrt", "arcsin", "arctanh", "1/x", "tan", "1/sqrt(x)"])
    func domains(name: String) throws {
        // Data over [-3, 3] that no narrow-domain function can follow exactly.
        let x = (0...60).map { -3 + Double($0) * 0.1 }
        let y = x.map { sin($0) + 0.3 * $0 }
        do {
            let fit = try AffineFitter().fit(try Self.library.function(named: name), x: x, y: y)
            #expect(fit.r2.isFinite && fit.r2 <= 1)
        } catch FittingError.outsideDomain(let function) {
            #expect(function == name)
        }
    }

    @Test("decreasing arguments: sqrt(1.2 - x), log(2 - x) and x^1.5 of (1.5 - x) come back exactly", arguments: [
        ("sqrt", 2.0, -1.0, 1.2), ("log", 1.5, -1.0, 2.0), ("x^1.5", 0.5, -1.0, 1.5),
    ])
    func decreasing(name: String, c: Double, a: Double, b: Double) throws {
        let function = try Self.library.function(named: name)
        let x = (0...50).map { Double($0) / 50 }
        let y = try x.map { try c * function.definition.evaluate(at: ["x": a * $0 + b]) + 0.3 }
        let fit = try AffineFitter().fit(function, x: x, y: y)
        #expect(fit.r2 > 1 - 1e-12, "\(name): \(fit)")
        #expect(fit.constants.a < 0, "\(name): \(fit.constants)")
    }

    @Test("a library entry's domain conditions bound the fit, beyond where the definition is real")
    func domainConditions() throws {
        let x = (0...40).map { -1 + Double($0) * 0.05 }
        let y = x.map { $0 * $0 }
        let parabola = try Expr(parsing: "x^2")
        let free = try AffineFitter().fit(LibraryFunction(name: "x^2", definition: parabola, complexity: 2, latex: "", swift: ""), x: x, y: y)
        #expect(free.r2 > 1 - 1e-12)
        // Only the right half of the parabola: a*x + b must stay >= 0 on the data, so y = x^2 cannot be met.
        let half = LibraryFunction(name: "half x^2", definition: parabola, complexity: 2,
                                   domain: [try DomainCondition(parsing: "x >= 0")], latex: "", swift: "")
        let fit = try AffineFitter().fit(half, x: x, y: y)
        #expect(x.allSatisfy { fit.constants.a * $0 + fit.constants.b >= 0 })
        #expect(fit.r2 < 0.99, "r2 \(fit.r2)")
        // Symmetries are seen inside the domain only: the simplest constants (a > 0 for an even function) would
        // put (3 - 2.5 x)^2 on [0, 1] at arguments below -1, so the fit keeps the equivalent ones that stay inside.
        let shifted = LibraryFunction(name: "x^2 from -1", definition: parabola, complexity: 2,
                                      domain: [try DomainCondition(parsing: "x >= -1")], latex: "", swift: "")
        let unit = (0...40).map { Double($0) / 40 }
        let inside = try AffineFitter().fit(shifted, x: unit, y: unit.map { (3 - 2.5 * $0) * (3 - 2.5 * $0) })
        #expect(inside.r2 > 1 - 1e-9 && unit.allSatisfy { inside.constants.a * $0 + inside.constants.b >= -1 }, "\(inside)")
        // A domain no affine image of the data fits in.
        let nowhere = LibraryFunction(name: "nowhere", definition: parabola, complexity: 2,
                                      domain: [try DomainCondition(parsing: "x > 1"), try DomainCondition(parsing: "x < 0")],
                                      latex: "", swift: "")
        #expect(throws: FittingError.outsideDomain(function: "nowhere")) { try AffineFitter().fit(nowhere, x: x, y: y) }
    }

    @Test("bad data: NaN, too few points, mismatched lengths, constant x")
    func badData() throws {
        let sin = try Self.library.function(named: "sin")
        #expect(throws: FittingError.invalidData("point 1 is NaN or infinite (x = nan, y = 2.0)")) {
            try AffineFitter().fit(sin, x: [1, .nan, 3, 4], y: [1, 2, 3, 4])
        }
        #expect(throws: FittingError.invalidData("3 points; at least 4 are needed")) { try AffineFitter().fit(sin, x: [1, 2, 3], y: [1, 2, 3]) }
        #expect(throws: FittingError.invalidData("4 x values for 3 y values")) { try AffineFitter().fit(sin, x: [1, 2, 3, 4], y: [1, 2, 3]) }
        #expect(throws: FittingError.invalidData("all x values are equal")) { try AffineFitter().fit(sin, x: [1, 1, 1, 1], y: [1, 2, 3, 4]) }
    }
}
