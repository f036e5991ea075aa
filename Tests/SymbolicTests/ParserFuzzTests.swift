import Foundation
import Symbolic
import Testing
import TestSupport

/// Random and near-valid text fed to the expression parser and the library loader: every input either parses or
/// gives an error value, never a crash or a hang. A fixed number of seeded iterations.
@Suite("Fuzzing: parser and library loader")
struct ParserFuzzTests {
    static let tokens = ["x", "y", "1", "2.5", "1e308", "-", "+", "*", "/", "^", "**", "(", ")", "sin(", "exp(", "log(",
                         "sqrt(", "pi", "E", ",", " ", "0", "0/0", "1/0", "@", "é", "x1", "abs(", "(((", ")))", "e-5", "."]

    static func text(_ generator: inout SeededGenerator, maxTokens: Int = 24) -> String {
        (0..<Int.random(in: 1...maxTokens, using: &generator)).map { _ in tokens.randomElement(using: &generator)! }.joined()
    }

    @Test("5,000 random token strings: each parses (and then simplifies, prints, evaluates) or throws")
    func expressions() {
        var generator = SeededGenerator(seed: 42)
        var parsed = 0
        for _ in 0..<5_000 {
            let input = Self.text(&generator)
            guard let expression = try? Expr(parsing: input) else { continue }
            parsed += 1
            let simplified = expression.simplified()
            _ = PlainTextPrinter().print(simplified)
            _ = LaTeXPrinter().print(simplified)
            _ = try? simplified.evaluate(at: ["x": 0.5, "y": -2, "x1": 3])
        }
        #expect(parsed > 100, "the generator should also produce valid expressions (\(parsed))")
    }

    @Test("1,000 mutated library files: each loads or is an error naming the file")
    func libraries() throws {
        var generator = SeededGenerator(seed: 7)
        let valid = #"{"functions": [{"name": "bump", "definition": "exp(-x^2)*cos(x)", "complexity": 5}]}"#
        for _ in 0..<1_000 {
            var bytes = Array(valid.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 32...126, using: &generator)
                case 1: bytes.remove(at: position)
                default: bytes.insert(contentsOf: Array(Self.text(&generator, maxTokens: 3).utf8), at: position)
                }
            }
            do { _ = try FunctionLibrary.decode(Data(bytes), file: "fuzz.json") } catch {
                #expect("\(error)".contains("fuzz.json"), "\(error)")
            }
        }
    }
}
