// A tour of the Symbolic module: parse, simplify, round, differentiate, evaluate and export.
// Run it with `swift run expression-tour`.
import Symbolic

let formula = try Expr(parsing: "2.0000013*sin(3.1415927*x1 + 1e-9) + (0.54 - x2)^2")
print("parsed:     ", formula)

let simplified = formula.simplified()
print("simplified: ", simplified)

let rounded = simplified.rounded(RoundingSettings(significantDigits: 4, snapToIntegers: true, snapToPi: true))
print("rounded:    ", rounded)

print("d/dx1:      ", rounded.derivative(with: "x1").simplified())
print("at (0.5, 1):", try rounded.evaluate(at: ["x1": 0.5, "x2": 1]))
print("LaTeX:      ", LaTeXPrinter().print(rounded))
print(SwiftCodePrinter(settings: .init(functionName: "discovered")).printFunction(rounded))

let library = try FunctionLibrary.standard()
print("library:    ", library.functions.map(\.name).joined(separator: " "))
