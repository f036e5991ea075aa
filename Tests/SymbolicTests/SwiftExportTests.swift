import Foundation
import PropertyBased
import Symbolic
import Testing
import TestSupport

/// Generated Swift is compiled with `swiftc` and run; its values must match `Expr.evaluate`.
@Suite("Swift export compiles and agrees with evaluation")
struct SwiftExportTests {
    static let formulas = [
        "exp(sin(pi*x1) + x2^2)", "exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)", "m_0/sqrt(1-v**2/c**2)",
        "I1+I2+2*sqrt(I1*I2)*cos(delta)", "arcsin(n*sin(theta2))", "sign(x - 0.5)*Abs(x)^1.5 + atanh(x/2) + E",
        "x1 + 2*x2 - 3*x3 + x1^2 - x2^3 + tanh(x3) + 1/x1",
    ]

    @Test("formulas and random expressions")
    func compileAndCompare() throws {
        var expressions = try Self.formulas.map { try Expr(parsing: $0) }
        var rng: any SeededRandomNumberGenerator = Xoshiro(seed: (11, 12, 13, 14))
        for _ in 0..<40 { expressions.append(ExpressionGenerator.make(depth: 4, using: &rng)) }

        var source = "import Foundation\n\n"
        var expected: [(index: Int, point: [Double], value: Double)] = []
        for (index, expr) in expressions.enumerated() {
            let parameters = expr.variables
            let printer = SwiftCodePrinter(settings: .init(functionName: "f\(index)", includeImport: false))
            source += printer.printFunction(expr, parameters: parameters) + "\n"
            for trial in 0..<3 {
                let point = parameters.map { _ in Double.random(in: 0.2...0.9, using: &rng) }
                guard let value = try? expr.evaluate(at: Dictionary(uniqueKeysWithValues: zip(parameters, point))) else { continue }
                expected.append((index, point, value))
                let arguments = point.map { "\($0)" }.joined(separator: ", ")
                source += "print(\"\(index) \(trial)\", f\(index)(\(arguments)))\n"
            }
        }
        let output = try compileAndRunSwift(source)
        let lines = output.split(separator: "\n")
        #expect(lines.count == expected.count)
        for (line, check) in zip(lines, expected) {
            let fields = line.split(separator: " ")
            #expect(Int(fields[0]) == check.index)
            expectClose(Double(fields[2]) ?? .nan, check.value, tolerance: 1e-12, "f\(check.index): \(expressions[check.index])")
        }
    }

    @Test("every library entry's Swift spelling compiles and matches its definition")
    func librarySpellings() throws {
        let library = try FunctionLibrary.standard()
        var source = "import Foundation\n\n"
        var expected: [Double] = []
        for (index, function) in library.functions.enumerated() {
            let x = 0.37
            source += "do { let x = \(x); print(\(function.swift)) }\n"
            expected.append(try function.definition.evaluate(at: ["x": x]))
            _ = index
        }
        let values = try compileAndRunSwift(source).split(separator: "\n").map { Double($0) ?? .nan }
        #expect(values.count == expected.count)
        for (function, (value, truth)) in zip(library.functions, zip(values, expected)) {
            expectClose(value, truth, tolerance: 1e-14, function.name)
        }
    }
}
