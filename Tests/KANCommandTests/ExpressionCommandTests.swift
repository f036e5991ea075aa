import Foundation
import Testing
import TestSupport

/// The `kan` executable, run as a user runs it: output on stdout, errors on stderr with exit status 1.
@Suite("kan expr and kan demo")
struct ExpressionCommandTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }

    @Test("results alone on stdout", arguments: [
        (["expr", "simplify", "(0.54 - x)^2"], "(x - 0.54)**2\n"),
        (["expr", "simplify", "sin(-x) + cos(-y) + sqrt(x^2)"], "Abs(x) + cos(y) - sin(x)\n"),
        (["expr", "simplify", "3.14159265*x + 2.718281828", "--round", "3"], "3.14*x + 2.72\n"),
        (["expr", "latex", "exp(sin(pi*x1) + x2^2)"], "e^{x_{2}^{2} + \\sin{\\left(\\pi x_{1} \\right)}}\n"),
        (["expr", "eval", "x1*x2 + 1", "--at", "x1=0.3,x2=2"], "1.6\n"),
        (["expr", "eval", "-x^2", "--at", "x=3"], "-9.0\n"),
        (["expr", "eval", "pi", "--round", "4"], "3.142\n"),
    ])
    func output(arguments: [String], expected: String) throws {
        let result = try runProcess(Self.kan, arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == expected)
    }

    @Test("errors on stderr with exit status 1, naming the problem", arguments: [
        (["expr", "simplify", "sin(x"], "column 6"),
        (["expr", "eval", "log(x)", "--at", "x=-1"], "log(-1.0) is undefined"),
        (["expr", "eval", "x + y", "--at", "x=1"], "no value given for variable 'y'"),
        (["expr", "eval", "x", "--at", "x=abc"], "'abc' is not a finite number"),
        (["expr", "swift", "x + y", "--vars", "x"], "--vars lacks y"),
        (["expr", "latex", "x", "--round", "0"], "The value '0' is invalid for '--round <round>': expected a whole number from 1 to 17"),
        // Malformed command lines, which the argument parser rejects, end with status 1 too.
        (["expr", "simplify", "x", "--round", "abc"], "The value 'abc' is invalid for '--round"),
        (["expr", "eval", "x", "--at"], "Missing value for '--at"),
        (["train", "--opt", "sgd"], "The value 'sgd' is invalid for '--opt"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
    ])
    func errors(arguments: [String], fragment: String) throws {
        let result = try runProcess(Self.kan, arguments)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(fragment), "\(result.standardError)")
    }

    @Test("nesting past the parser's limit is an error, not a stack overflow, and the input is not echoed whole",
          arguments: [("(", 15_000), ("sin(", 20_000)])
    func tooDeep(open: String, depth: Int) throws {
        let text = String(repeating: open, count: depth) + "x" + String(repeating: ")", count: depth)
        for command in ["simplify", "latex", "eval"] {
            let result = try runProcess(Self.kan, ["expr", command, text, "--at", "x=1"].filter { command == "eval" || !$0.hasPrefix("--at") && $0 != "x=1" })
            #expect(result.status == 1)
            #expect(result.standardError.contains("nested more than 200 levels deep"), "\(result.standardError.prefix(300))")
            #expect(result.standardError.contains("(\(text.count) characters)"))
            #expect(result.standardError.count < 400)
        }
    }

    @Test("kan expr swift writes a function that compiles and computes the expression, parameters as asked")
    func swiftExport() throws {
        let result = try runProcess(Self.kan, ["expr", "swift", "exp(sin(pi*x1) + x2^2)", "--name", "hello", "--vars", "x2,x1"])
        #expect(result.status == 0)
        let output = try compileAndRunSwift(result.standardOutput + "\nprint(hello(0.5, 0.25))\n")
        let expected = Foundation.exp(Foundation.sin(Double.pi * 0.25) + 0.25)
        expectClose(Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan, expected)
    }

    @Test("kan demo discovers exp(sin(pi x1) + x2^2) and prints it with its test error")
    func demo() throws {
        let result = try runProcess(Self.kan, ["demo"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("fixing (") }.count == 3)
        #expect(lines.contains("formula: exp(x2**2 + sin(pi*x1))"))
        #expect(lines.contains("latex: e^{x_{2}^{2} + \\sin{\\left(\\pi x_{1} \\right)}}"))
        let rmse = lines.first { $0.hasPrefix("test_rmse: ") }.flatMap { Double($0.dropFirst(11)) }
        #expect(try #require(rmse) < 1e-6)
    }
}
