@testable import Distill
import Datasets
import Fitting
import Foundation
import KAN
import Optimization
import Symbolic
import Testing

/// The constants of a chosen formula that did not snap: refitted on all training rows, with standard errors,
/// written to the precision the errors allow.
@Suite("Fitted constants with errors")
struct FittedConstantTests {
    @Test("the error to two significant digits, the value to the same place")
    func text() {
        #expect(FittedConstant(value: 1.37234, stderr: 0.0043).text == "1.3723 ± 0.0043")
        #expect(FittedConstant(value: -0.340834, stderr: 0.00016).text == "-0.34083 ± 0.00016")
        #expect(FittedConstant(value: 1234.5, stderr: 27).text == "1234 ± 27" || FittedConstant(value: 1234.5, stderr: 27).text == "1235 ± 27")
        #expect(FittedConstant(value: -0.340834, stderr: 0.00016).rounded == -0.34083)
        #expect(FittedConstant(value: 2.5, stderr: 0).rounded == 2.5)
        // Rounding never makes a constant vanish from the formula (0) or merge into its term (1).
        #expect(FittedConstant(value: 0.4, stderr: 12).rounded == 0.4)
        #expect(FittedConstant(value: -0.9, stderr: 12).rounded == -0.9)
    }

    @Test("on data with 1% noise the chosen formula's free constants come back within 4 standard errors of the truth")
    func chosen() throws {
        var random = SeededRandom(seed: 9)
        let rows = (0..<1500).map { _ in [random.uniform(1, 5), random.uniform(1, 5)] }
        let targets = rows.map { 2.71 * $0[0] * exp(-0.337 * $0[1]) * (1 + 0.01 * random.normal()) }
        let dataset = try Dataset(trainInputs: Matrix(Array(rows[..<1200])), trainLabels: Matrix(targets[..<1200].map { [$0] }),
                                  testInputs: Matrix(Array(rows[1200...])), testLabels: Matrix(targets[1200...].map { [$0] }),
                                  inputNames: ["x", "y"], outputNames: ["F"])
        let data = try DiscoveryData(dataset)
        var found = try #require(Discoverer.candidate(try Expr(parsing: "2.7*x*exp(-0.34*y)"), data: data, origin: "test"))
        found.freeConstants = [2.7, -0.34]
        let chosen = Discoverer.withConstants(found, data: data)
        #expect(chosen.constants.count == 2)
        for (constant, truth) in zip(chosen.constants, [2.71, -0.337]) {
            #expect(constant.stderr > 0 && abs(constant.value - truth) <= 4 * constant.stderr, "\(constant.text) for \(truth)")
        }
        #expect(chosen.validationMSE < found.validationMSE, "the refitted constants fit better than the rounded ones")
    }

    @Test("a formula longer than a law keeps its constants as they are: no refit after the deadline")
    func longFormulaLeftAlone() throws {
        let dataset = try Dataset(expression: try Expr(parsing: "x*exp(-y)"), variables: ["x", "y"], ranges: [1...5],
                                  trainCount: 300, testCount: 50, seed: 2)
        let data = try DiscoveryData(dataset)
        let terms = (1...12).map { "0.\($0 + 10)*sin(0.\($0 + 20)*x + y)" }.joined(separator: " + ")
        var found = try #require(Discoverer.candidate(try Expr(parsing: terms), data: data, origin: "test"))
        try #require(found.complexity > Discoverer.positivityLimit, "\(found.complexity)")
        found.freeConstants = Array(found.formula.parametrized().values.prefix(4))
        let after = Discoverer.withConstants(found, data: data)
        #expect(after.constants.isEmpty && after.formula == found.formula)
    }

    @Test("with each row's sigma, the constants are fitted by weight and their errors come from the sigmas: smaller than unweighted, and covering the truth")
    func weighted() throws {
        var random = SeededRandom(seed: 11)
        let rows = (0..<1500).map { _ in [random.uniform(1, 5), random.uniform(1, 5)] }
        // Half the rows are measured 20 times worse than the others, and say so.
        let sigmas = rows.indices.map { $0 % 2 == 0 ? 0.1 : 0.005 }
        let targets = rows.indices.map { 2.71 * rows[$0][0] * exp(-0.337 * rows[$0][1]) * (1 + sigmas[$0] * random.normal()) }
        let absolute = zip(targets, sigmas).map { abs($0) * $1 }
        var dataset = try Dataset(trainInputs: Matrix(Array(rows[..<1200])), trainLabels: Matrix(targets[..<1200].map { [$0] }),
                                  testInputs: Matrix(Array(rows[1200...])), testLabels: Matrix(targets[1200...].map { [$0] }),
                                  inputNames: ["x", "y"], outputNames: ["F"])
        let plain = try DiscoveryData(dataset)
        dataset.weights = RowWeights(kind: .sigma, column: "dF", train: absolute[..<1200].map { 1 / ($0 * $0) },
                                     test: absolute[1200...].map { 1 / ($0 * $0) })
        let weighted = try DiscoveryData(dataset)
        func constants(_ data: DiscoveryData) throws -> [FittedConstant] {
            var found = try #require(Discoverer.candidate(try Expr(parsing: "2.7*x*exp(-0.34*y)"), data: data, origin: "test"))
            found.freeConstants = [2.7, -0.34]
            return Discoverer.withConstants(found, data: data).constants
        }
        let (withSigma, without) = (try constants(weighted), try constants(plain))
        try #require(withSigma.count == 2 && without.count == 2)
        for (constant, truth) in zip(withSigma, [2.71, -0.337]) {
            #expect(abs(constant.value - truth) <= 4 * constant.stderr, "\(constant.text) for \(truth)")
        }
        for (w, u) in zip(withSigma, without) { #expect(w.stderr < 0.5 * u.stderr, "weighted \(w.text), unweighted \(u.text)") }
    }
}

/// Weights that leave discovery nothing to fit or to choose by are an error, not a silent NaN.
@Suite("Discovery data with weights")
struct DiscoveryWeightsTests {
    @Test("validation rows all of weight 0, or weights of the wrong count, are refused naming the column")
    func refused() throws {
        var dataset = try Dataset(expression: try Expr(parsing: "2*x"), trainCount: 50, testCount: 10, seed: 1)
        // Only the first training row counts: the validation rows (every fifth after a shuffle) or the fitting rows
        // are all of weight 0.
        dataset.weights = RowWeights(kind: .weights, column: "w", train: (0..<50).map { $0 == 0 ? 1 : 0 }, test: Array(repeating: 1, count: 10))
        #expect { try DiscoveryData(dataset) } throws: { "\($0)".contains("column 'w'") && "\($0)".contains("has weight 0") }
        dataset.weights = RowWeights(kind: .sigma, column: "s", train: [1, 2], test: [1])
        #expect { try DiscoveryData(dataset) } throws: { "\($0)".contains("one weight per training and test row") }
    }
}

/// Standard errors of a distilled formula's constants at their written values.
@Suite("Errors of written constants")
struct WrittenConstantErrorsTests {
    @Test("a line through noisy points: the slope's error is s / sqrt(sum x^2), in printed order")
    func line() throws {
        var random = SeededRandom(seed: 4)
        let xs = (0..<400).map { _ in random.uniform(-2, 2) }
        let ys = xs.map { 2.5 * $0 + 0.4 + 0.05 * random.normal() }
        let formula = try Expr(parsing: "2.5*x + 0.4")
        let constants = FittedConstant.errors(of: formula, variables: ["x"], rows: xs.map { [$0] }, targets: ys)
        try #require(constants.count == 2)
        #expect(constants.map(\.value) == [2.5, 0.4], "printed order: \(PlainTextPrinter().print(formula))")
        // Ordinary least squares in closed form at these values.
        let n = Double(xs.count), sx = xs.reduce(0, +), sxx = xs.reduce(0) { $0 + $1 * $1 }
        let variance = zip(xs, ys).reduce(0) { $0 + pow(2.5 * $1.0 + 0.4 - $1.1, 2) } / (n - 2)
        let determinant = n * sxx - sx * sx
        #expect(abs(constants[0].stderr - (variance * n / determinant).squareRoot()) < 1e-9)
        #expect(abs(constants[1].stderr - (variance * sxx / determinant).squareRoot()) < 1e-9)
        #expect(FittedConstant.errors(of: try Expr(parsing: "x"), variables: ["x"], rows: [[1], [2]], targets: [1, 2]).isEmpty)
    }

    @Test("kan distill's report gives each formula's constants with errors")
    func distilled() throws {
        let data = try Dataset(expression: try Expr(parsing: "3*x1 + sin(x2)"), trainCount: 300, testCount: 100, seed: 2)
        var model = try KANModel(width: [2, 1], grid: 5, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 20))
        let library = try FunctionLibrary.standard().subset(["x", "x^2", "sin", "exp"])
        let report = try Distiller.distill(&model, data: data, options: DistillOptions(library: library))
        try #require(report.formulas.count == 1 && report.constants.count == 1)
        let printed = PlainTextPrinter().print(report.formulas[0])
        #expect(!report.constants[0].isEmpty, "\(printed)")
        for constant in report.constants[0] {
            #expect(constant.stderr.isFinite && constant.stderr >= 0 && printed.contains(PlainTextPrinter().print(.constant(abs(constant.value)))))
        }
        // As kan distill prints them: the formula, its constants, then (when asked) its LaTeX.
        let constants = report.constants[0].map(\.text).joined(separator: ", ")
        #expect(report.formulasText(latex: true) == "formula: \(printed)\nconstants: \(constants)\nlatex: \(LaTeXPrinter().print(report.formulas[0]))\n")
        #expect(report.formulasText(latex: false) == "formula: \(printed)\nconstants: \(constants)\n")
    }

    @Test("strongly correlated constants keep the digits their fit needs: rounded each to its own error, the fit is lost")
    func correlatedConstants() throws {
        var random = SeededRandom(seed: 4)
        let rows = (0..<400).map { _ in [random.uniform(1, 5)] }
        let targets = rows.map { 2.3456 * sin($0[0]) + 1.2345 * sin($0[0] + 0.00001 * $0[0] * $0[0]) + 1e-3 * random.normal() }
        let parametrized = try Expr(parsing: "1.9*sin(x) + 1.1*sin(x + 0.00001*x^2)").parametrized()
        let free = parametrized.values.map { $0 == 1.9 || $0 == 1.1 }
        #expect(free.filter { $0 }.count == 2)
        let problem = try ConstantProblem(parametrized, variables: ["x"], rows: rows, targets: targets)
        let values = try problem.refit(parametrized.values, free: free)
        let errors = try #require(try problem.covariance(values, free: free)).standardErrors
        let slots = free.indices.filter { free[$0] }
        var plain = values
        for (k, slot) in slots.enumerated() { plain[slot] = FittedConstant(value: values[slot], stderr: errors[k]).rounded }
        // Each constant alone is loose (the two trade off), so rounding each within its error moves their sum.
        #expect(problem.rmse(plain) > 1.001 * problem.rmse(values))
        let written = Discoverer.writtenValues(values, slots: slots, errors: errors, problem: problem)
        #expect(problem.rmse(written) <= 1.001 * problem.rmse(values))
        #expect(written != plain)
        // A well-determined constant is written as plain rounding has it.
        let single = try Expr(parsing: "2.9*x").parametrized()
        let singleProblem = try ConstantProblem(single, variables: ["x"], rows: rows, targets: rows.map { 3.0004 * $0[0] + 1e-3 * random.normal() })
        let fitted = try singleProblem.refit(single.values, free: [true])
        let error = try #require(try singleProblem.covariance(fitted, free: [true])).standardErrors[0]
        #expect(Discoverer.writtenValues(fitted, slots: [0], errors: [error], problem: singleProblem)
                == [FittedConstant(value: fitted[0], stderr: error).rounded])
    }

    @Test("the constants are refitted on every row fitted and chosen on, or an evenly spaced part that the refit's budget affords")
    func refitRows() throws {
        var random = SeededRandom(seed: 5)
        func data(_ count: Int) throws -> DiscoveryData {
            let rows = (0..<count).map { _ in [random.uniform(1, 5), random.uniform(1, 5)] }
            let labels = rows.map { [$0[0] * $0[1]] }
            return try DiscoveryData(Dataset(trainInputs: Matrix(rows), trainLabels: Matrix(labels), testInputs: Matrix(Array(rows.prefix(10))),
                                             testLabels: Matrix(Array(labels.prefix(10))), inputNames: ["x", "y"], outputNames: ["F"]))
        }
        let small = try data(2_400)
        #expect(Discoverer.refitRows(small, complexity: 45, constants: 14).inputs.count == small.fitRows.count + small.validationRows.count)
        let large = try data(150_000)
        let all = large.fitRows + large.validationRows
        let short = Discoverer.refitRows(large, complexity: 5, constants: 2)
        #expect(short.inputs.count <= Discoverer.maximumRefitRows && short.inputs.count >= Discoverer.maximumRefitRows / 2)
        #expect(short.inputs.first == all.first && short.targets.count == short.inputs.count && short.weights == nil)
        let long = Discoverer.refitRows(large, complexity: 45, constants: 14)
        #expect(long.inputs.count > 1_000 && long.inputs.count <= 2_000)
    }
}
