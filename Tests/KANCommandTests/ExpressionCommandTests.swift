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
        // Undefined as written is an error, whatever the canonical form drops (issue 13).
        (["expr", "eval", "0/0"], "'0/0' has no value anywhere: division by zero in 1/0"),
        (["expr", "eval", "(x-x)/(x-x)", "--at", "x=1"], "'(x-x)/(x-x)' has no value anywhere: division by zero"),
        (["expr", "simplify", "0/0"], "'0/0' has no value anywhere"),
        (["expr", "latex", "log(-1)*0 + x"], "has no value anywhere: domain error: log(-1.0)"),
        (["expr", "eval", "0*log(x)", "--at", "x=0"], "log(0.0) is undefined"),
        (["expr", "eval", "sqrt(x)^2", "--at", "x=-4"], "sqrt(-4.0) is undefined"),
        (["expr", "eval", "x/x", "--at", "x=0"], "division by zero in 1/x"),
        (["expr", "eval", "1e300*1e300"], "column 1: the numbers from here on overflow"),
        (["expr", "eval", "x*y", "--at", "x=1e300,y=1e300"], "overflow: the value is inf"),
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

    @Test("a printed form defined more widely than the written one comes with a note on stderr", arguments: [
        (["expr", "simplify", "sqrt(x)^2"], "x\n", "defined only where x >= 0"),
        (["expr", "simplify", "x/x*log(y)^0"], "1\n", "defined only where x != 0 and y > 0; the printed form drops these conditions"),
        (["expr", "latex", "0*log(x)"], "0\n", "defined only where x > 0"),
        (["expr", "simplify", "x/x + 1/x"], "1/x + 1\n", ""),
    ])
    func domainNotes(arguments: [String], expected: String, note: String) throws {
        let result = try runProcess(Self.kan, arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == expected)
        #expect(note.isEmpty ? result.standardError.isEmpty : result.standardError.contains(note), "\(result.standardError)")
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
