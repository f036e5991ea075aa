import ArgumentParser
import Foundation
import Symbolic

/// `kan expr ...`: the symbolic engine on one expression.
struct ExpressionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expr",
        abstract: "Simplify, print, export or evaluate one expression.",
        subcommands: [Simplify.self, LaTeX.self, SwiftCode.self, Evaluate.self]
    )
}

/// The expression text: everything not recognised as an option, so that `kan expr eval -x^2 --at x=2` works.
struct ExpressionArgument: ParsableArguments {
    @Argument(parsing: .allUnrecognized, help: "The expression, e.g. \"exp(sin(pi*x1) + x2^2)\".")
    var words: [String] = []

    @Option(parsing: .unconditional, help: "Round numbers to this many significant digits.", transform: Checked.whole(1...17))
    var round: Int?

    /// The parsed expression, rounded when asked.
    func expression() throws -> Expr {
        guard !words.isEmpty else { throw CommandFailure("no expression given") }
        let text = words.joined(separator: " ")
        let expr: Expr
        do { expr = try Expr(parsing: text) } catch {
            throw CommandFailure("cannot parse '\(text.excerpt())': \(error)")
        }
        return round.map { expr.rounded(significantDigits: $0) } ?? expr
    }
}

extension ExpressionCommand {
    struct Simplify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the simplified expression (SymPy syntax).")
        @OptionGroup var input: ExpressionArgument

        func run() throws {
            try reportingFailures {
                var result = try input.expression().simplified()
                if let digits = input.round { result = result.rounded(significantDigits: digits).simplified() }
                print(result)
            }
        }
    }

    struct LaTeX: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "latex", abstract: "Print the expression as LaTeX.")
        @OptionGroup var input: ExpressionArgument

        func run() throws {
            try reportingFailures { print(LaTeXPrinter().print(try input.expression())) }
        }
    }

    struct SwiftCode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "swift", abstract: "Print a compilable Swift function computing the expression.")
        @OptionGroup var input: ExpressionArgument

        @Option(help: "The function's name.")
        var name = "f"

        @Option(help: "Parameter names in order, comma-separated (default: the variables in natural order).")
        var vars: String?

        func run() throws {
            try reportingFailures {
                let expr = try input.expression()
                let parameters = try vars.map { try commaSeparated($0, option: "--vars", unique: true) }
                if let parameters {
                    let missing = expr.variables.filter { !parameters.contains($0) }
                    guard missing.isEmpty else {
                        throw CommandFailure("--vars lacks \(missing.joined(separator: ", ")), used by the expression")
                    }
                }
                let printer = SwiftCodePrinter(settings: .init(functionName: name))
                print(printer.printFunction(expr, parameters: parameters), terminator: "")
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate the expression at a point.")
        @OptionGroup var input: ExpressionArgument

        @Option(help: "The point, e.g. x1=0.3,x2=2.")
        var at: String = ""

        func run() throws {
            try reportingFailures {
                let expr = try input.expression()
                var point: [String: Double] = [:]
                for assignment in at.isEmpty ? [] : try commaSeparated(at, option: "--at") {
                    let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, !parts[0].isEmpty else {
                        throw CommandFailure("--at: expected NAME=VALUE, found '\(assignment)'")
                    }
                    guard let value = Double(parts[1]), value.isFinite else {
                        throw CommandFailure("--at: '\(parts[1])' is not a finite number (for \(parts[0]))")
                    }
                    guard point.updateValue(value, forKey: parts[0]) == nil else {
                        throw CommandFailure("--at: \(parts[0]) is given twice; give each variable one value")
                    }
                }
                do {
                    var value = try expr.evaluate(at: point)
                    if let digits = input.round { value = RoundingSettings.significant(digits).round(value) }
                    print(value)
                } catch {
                    throw CommandFailure("\(error)")
                }
            }
        }
    }
}
