import Datasets
@testable import Distill
import Foundation
import Optimization
import Symbolic
import Testing

/// Buckingham-Pi reduction on laws whose dimensionless groups are known (exponents of m, s, kg, T, V as in
/// `feynman_units.csv`).
@Suite("Pi reduction")
struct PiReductionTests {
    static let length = [1, 0, 0, 0, 0], acceleration = [1, -2, 0, 0, 0], mass = [0, 0, 1, 0, 0], time = [0, 1, 0, 0, 0]
    static let charge = [2, -2, 1, 0, -1], permittivity = [1, -2, 1, 0, -2], force = [1, -2, 1, 0, 0]
    static let field = [-1, 0, 0, 0, 1], velocity = [1, -1, 0, 0, 0], none = [0, 0, 0, 0, 0]

    /// Rows of `law` at seeded points in 1...5.
    static func rows(_ law: ([Double]) -> Double, inputs: Int, count: Int = 300) -> ([[Double]], [Double]) {
        var random = SeededRandom(seed: 7)
        let points = (0..<count).map { _ in (0..<inputs).map { _ in 1 + 4 * Double(random.next() % 1_000_000) / 1e6 } }
        return (points, points.map(law))
    }

    static func reduction(_ variables: [String], _ dimensions: [[Int]], target: [Int], law: @escaping ([Double]) -> Double) throws -> PiReduction {
        let (inputs, targets) = rows(law, inputs: variables.count)
        return try PiReduction.find(variables: variables, dimensions: dimensions, target: "y", targetDimensions: target,
                                    inputs: inputs, targets: targets)
    }

    @Test("a pendulum's period: no group, T = sqrt(L/g) times a constant; the mass drops out")
    func pendulum() throws {
        let found = try Self.reduction(["L", "g", "m"], [Self.length, Self.acceleration, Self.mass], target: Self.time) { 2 * Double.pi * ($0[0] / $0[1]).squareRoot() }
        #expect(found.groups.isEmpty)
        #expect(found.scale == [0.5, -0.5, 0])
        #expect(found.summary(inputNames: ["L", "g", "m"], target: "T") == "T*sqrt(g)/sqrt(L) = f()")
    }

    @Test("Coulomb's law: one group q1/q2, and the scale q1*q2/(epsilon*r^2) that leaves a constant")
    func coulomb() throws {
        let found = try Self.reduction(["q1", "q2", "epsilon", "r"], [Self.charge, Self.charge, Self.permittivity, Self.length],
                                       target: Self.force) { $0[0] * $0[1] / (4 * Double.pi * $0[2] * $0[3] * $0[3]) }
        #expect(found.groups == [[1, -1, 0, 0]])
        #expect(found.scale == [1, 1, -1, -2])
    }

    @Test("F = q*Ef*sin(theta): the group is theta alone; relativistic mass: the group is v/c")
    func angleAndRatio() throws {
        let force = try Self.reduction(["q", "Ef", "theta"], [Self.charge, Self.field, Self.none], target: Self.force) { $0[0] * $0[1] * sin($0[2]) }
        #expect(force.groups == [[0, 0, 1]])
        #expect(force.scale == [1, 1, 0])
        #expect(force.summary(inputNames: ["q", "Ef", "theta"], target: "F") == "F/(Ef*q) = f(theta)")
        // Speeds below light's, as in the Feynman table's ranges (v in 1...2, c in 3...10).
        let (points, _) = Self.rows({ _ in 0 }, inputs: 3)
        let inputs = points.map { [$0[0], 1 + ($0[1] - 1) / 4, 3 + ($0[2] - 1) * 7 / 4] }
        let mass = try PiReduction.find(variables: ["m_0", "v", "c"], dimensions: [Self.mass, Self.velocity, Self.velocity], target: "m",
                                        targetDimensions: Self.mass, inputs: inputs,
                                        targets: inputs.map { $0[0] / (1 - $0[1] * $0[1] / ($0[2] * $0[2])).squareRoot() })
        #expect(mass.groups == [[0, 1, -1]])
        #expect(mass.scale == [1, 0, 0])
    }

    @Test("inputs without units stay out of the scale: Int/I1 = f(delta, I1/I2), F/Nn = f(mu)")
    func dimensionlessOutOfScale() throws {
        let intensity = [0, -3, 1, 0, 0]
        let interference = try Self.reduction(["I1", "I2", "delta"], [intensity, intensity, Self.none], target: intensity) {
            $0[0] + $0[1] + 2 * ($0[0] * $0[1]).squareRoot() * cos($0[2])
        }
        #expect(interference.scale[2] == 0, "\(interference.scale)")
        #expect(Set(interference.groups).contains([0, 0, 1]))
        // A dimensionless target keeps no group in its scale: n = f(h*omega/(kb*T)), not n*g = g*f(g).
        let frequency = [0, -1, 0, 0, 0], temperature = [0, 0, 0, 1, 0]
        let action = [2, -1, 1, 0, 0], boltzmann = [2, -2, 1, -1, 0]
        let bose = try Self.reduction(["h", "omega", "kb", "T"], [action, frequency, boltzmann, temperature], target: Self.none) {
            1 / (exp($0[0] * $0[1] / (2 * Double.pi * $0[2] * $0[3])) - 1)
        }
        #expect(bose.scale == [0, 0, 0, 0], "\(bose.scale)")
        let friction = try Self.reduction(["mu", "Nn"], [Self.none, Self.force], target: Self.force) { $0[0] * $0[1] }
        #expect(friction.scale == [0, 1])
        #expect(friction.summary(inputNames: ["mu", "Nn"], target: "F") == "F/Nn = f(mu)")
    }

    @Test("a composed formula has the law's values; reduced data are the groups and the dimensionless target")
    func composesBack() throws {
        let law: ([Double]) -> Double = { $0[0] * $0[1] * sin($0[2]) }
        let found = try Self.reduction(["q", "Ef", "theta"], [Self.charge, Self.field, Self.none], target: Self.force, law: law)
        let formula = found.composed(try Expr(parsing: "sin(pi1)"))
        for point in Self.rows(law, inputs: 3, count: 20).0 {
            #expect(abs(try formula.evaluate(at: ["q": point[0], "Ef": point[1], "theta": point[2]]) - law(point)) < 1e-12)
        }
        let (inputs, targets) = Self.rows(law, inputs: 3, count: 40)
        let dataset = try Dataset(trainInputs: Matrix(Array(inputs[..<30])), trainLabels: Matrix(targets[..<30].map { [$0] }),
                                  testInputs: Matrix(Array(inputs[30...])), testLabels: Matrix(targets[30...].map { [$0] }),
                                  inputNames: ["q", "Ef", "theta"], outputNames: ["F"])
        let reduced = try found.reduced(dataset)
        #expect(reduced.inputNames == ["pi1"])
        for row in 0..<reduced.trainInputs.rows {
            #expect(abs(reduced.trainLabels[row, 0] - sin(reduced.trainInputs[row, 0])) < 1e-12)
        }
    }

    @Test("units that cannot balance, inputs that are not positive, and nothing dimensional are told apart")
    func failures() throws {
        #expect(throws: PiReduction.Failure.unbalanced(target: "y")) {
            try Self.reduction(["m"], [Self.mass], target: Self.length) { $0[0] }
        }
        #expect(throws: PiReduction.Failure.nothingToReduce) {
            try Self.reduction(["a", "b"], [Self.none, Self.none], target: Self.none) { $0[0] * $0[1] }
        }
        #expect(throws: PiReduction.Failure.inputNotPositive("L")) {
            try PiReduction.find(variables: ["L", "g"], dimensions: [Self.length, Self.acceleration], target: "T",
                                 targetDimensions: Self.time, inputs: [[-1, 2], [1, 2]], targets: [1, 1])
        }
    }

    @Test("discovery with units recovers Coulomb's law exactly through the reduction")
    func discoversCoulomb() throws {
        let law: ([Double]) -> Double = { $0[0] * $0[1] / (4 * Double.pi * $0[2] * $0[3] * $0[3]) }
        let (inputs, targets) = Self.rows(law, inputs: 4, count: 1000)
        let dataset = try Dataset(trainInputs: Matrix(Array(inputs[..<800])), trainLabels: Matrix(targets[..<800].map { [$0] }),
                                  testInputs: Matrix(Array(inputs[800...])), testLabels: Matrix(targets[800...].map { [$0] }),
                                  inputNames: ["q1", "q2", "epsilon", "r"], outputNames: ["F"])
        let table = UnitsTable(baseUnits: ["m", "s", "kg", "T", "V"],
                               exponents: ["q1": Self.charge, "q2": Self.charge, "epsilon": Self.permittivity, "r": Self.length, "F": Self.force])
        let (result, outcome) = try Discoverer.discover(dataset, units: table, unitsFile: "units.csv",
                                                        options: DiscoveryOptions(timeLimit: 20, library: try DiscoveryOptions.defaultLibrary()))
        #expect(outcome.description == "F*epsilon*r**2/(q1*q2) = f(q1/q2)")
        let chosen = try #require(result.chosen)
        let truth = try Expr(parsing: "q1*q2/(4*pi*epsilon*r**2)")
        let check = RecoveryCheck(variables: ["q1", "q2", "epsilon", "r"], ranges: Array(repeating: 1...5, count: 4))
        #expect(check.verdict(found: chosen.formula, truth: truth).recovered, "\(PlainTextPrinter().print(chosen.formula)); \(outcome.description)")
    }

    @Test("no dimensionless group: at 1% noise the law is a snapped constant times the scale, without a search")
    func constantTimesScale() throws {
        var random = SeededRandom(seed: 3)
        let (inputs, clean) = Self.rows({ $0[0] * $0[1] * $0[2] / 2 }, inputs: 3, count: 1000)
        let rms = (clean.reduce(0) { $0 + $1 * $1 } / Double(clean.count)).squareRoot()
        let targets = clean.map { $0 + 0.01 * rms * random.normal() }
        let dataset = try Dataset(trainInputs: Matrix(Array(inputs[..<800])), trainLabels: Matrix(targets[..<800].map { [$0] }),
                                  testInputs: Matrix(Array(inputs[800...])), testLabels: Matrix(targets[800...].map { [$0] }),
                                  inputNames: ["m", "g", "z"], outputNames: ["E"])
        let energy = [2, -2, 1, 0, 0]
        let table = UnitsTable(baseUnits: ["m", "s", "kg", "T", "V"], exponents: ["m": Self.mass, "g": Self.acceleration, "z": Self.length, "E": energy])
        // Through the overload taking an optional table, as kan discover and the benchmark call it.
        let (result, outcome) = try Discoverer.discover(dataset, units: (table, "units.csv"),
                                                        options: DiscoveryOptions(timeLimit: 20, library: try DiscoveryOptions.defaultLibrary()))
        #expect(outcome?.description == "E/(g*m*z) = f()")
        let chosen = try #require(result.chosen)
        #expect(chosen.formula == (try Expr(parsing: "m*g*z/2").simplified()), "\(PlainTextPrinter().print(chosen.formula))")
        #expect(result.tried.count == 1)
        // Without a table, a search without units, and no outcome.
        let plain = try Discoverer.discover(dataset, units: nil, options: DiscoveryOptions(timeLimit: 1, library: try DiscoveryOptions.defaultLibrary()))
        #expect(plain.units == nil && !plain.result.tried.isEmpty)
    }
}
