import Foundation
@testable import Symbolic
import Testing

/// Nesting is limited where expressions are read, so no recursive pass can be driven deep enough to overflow the
/// stack: deeper input is a `ParseError` naming the limit, and input at the limit goes through every pass.
@Suite("Parser depth limit")
struct ParserDepthTests {
    static let limit = ExpressionParser.maximumDepth

    static func nested(_ count: Int, open: String, close: String, inner: String = "x") -> String {
        String(repeating: open, count: count) + inner + String(repeating: close, count: count)
    }

    /// Deep inputs by name, so the test's report does not print 100,000 characters.
    static let deepInputs: [String: String] = [
        "15,000 parentheses": nested(15_000, open: "(", close: ")"),
        "sin nested 20,000 deep": nested(20_000, open: "sin(", close: ")"),
        "20,000 minus signs": String(repeating: "-", count: 20_000) + "x",
        "a tower of 20,000 powers": Array(repeating: "x", count: 20_000).joined(separator: "^"),
        "sqrt nested to the limit": nested(limit, open: "sqrt(", close: ")"),
        "parentheses one past the limit": nested(limit + 1, open: "(", close: ")"),
    ]

    @Test("too deep: an error naming the limit, whatever nests", arguments: deepInputs.keys.sorted())
    func tooDeep(name: String) throws {
        let text = try #require(Self.deepInputs[name])
        do {
            _ = try Expr(parsing: text)
            Issue.record("parsed \(text.count) characters")
        } catch {
            #expect(error.message == "nested more than \(Self.limit) levels deep (parentheses, functions, signs or powers inside one another)")
        }
    }

    /// (A tower of powers at the limit parses, but its derivative doubles in size with every level, as any tower's.)
    @Test("at the limit: simplify, differentiate, print, export and evaluate all work")
    func atTheLimit() throws {
        for text in [Self.nested(Self.limit - 1, open: "sin(", close: ")"), Self.nested(Self.limit - 1, open: "(", close: ")", inner: "x+1"),
                     Self.nested(Self.limit / 2 - 1, open: "exp(-", close: ")")] {
            let expr = try Expr(parsing: text)
            let simplified = expr.simplified()
            _ = PlainTextPrinter().print(expr.derivative(with: "x"))
            let printed = PlainTextPrinter().print(simplified)
            #expect(try Expr(parsing: printed) == simplified, "print then parse gives the same tree")
            _ = LaTeXPrinter().print(expr)
            _ = SwiftCodePrinter().printFunction(expr, parameters: ["x"])
            _ = try? expr.evaluate(at: ["x": 0.5])
            _ = expr.rounded(significantDigits: 3)
        }
    }

    @Test("a library entry nested too deep is refused by name, its definition quoted short")
    func libraryEntry() throws {
        let definition = Self.nested(20_000, open: "sin(", close: ")")
        let json = #"{"functions": [{"name": "deep", "definition": ""# + definition + #"", "complexity": 2}]}"#
        do {
            _ = try FunctionLibrary.decode(Data(json.utf8), file: "deep.json")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("deep"))
            #expect(error.description.contains("nested more than \(Self.limit) levels deep"))
            #expect(error.description.count < 400, "\(error.description.count) characters")
        }
    }
}
