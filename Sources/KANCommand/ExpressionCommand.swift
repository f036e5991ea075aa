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

    /// The expression text as given.
    var text: String { words.joined(separator: " ") }

    /// The parsed expression with the conditions of its written form, rounded when asked. An expression without a
    /// value anywhere (`0/0`, `(x-x)/(x-x)`) is an error naming the operation that has none.
    /// `variables` are read as variables even where they spell a constant (`E` given a value by `--at E=1`).
    func expression(variables: Set<String> = []) throws -> ExprWithDomain {
        guard !words.isEmpty else { throw CommandFailure("no expression given") }
        let parsed: ExprWithDomain
        do { parsed = try ExprWithDomain(parsing: text, parser: ExpressionParser(variables: variables)) } catch {
            throw CommandFailure("cannot parse '\(text.excerpt())': \(error)")
        }
        if let (_, error) = parsed.undefinedEverywhere {
            throw CommandFailure("'\(text.excerpt())' has no value anywhere: \(error)")
        }
        return round.map { parsed.replacingExpr(parsed.expr.rounded(significantDigits: $0)) } ?? parsed
    }

    /// `expr` on standard output, after a note on standard error when the written form is defined on less than
    /// `expr` is (`sqrt(x)^2` prints `x`, defined only where `x >= 0`).
    func printNotingDomain(_ expression: ExprWithDomain, _ text: String) {
        let dropped = expression.droppedRequirements
        if !dropped.isEmpty {
            FileHandle.standardError.write(Data("note: as written, '\(self.text.excerpt())' is defined only where \(dropped.joined(separator: " and ")); the printed form drops \(dropped.count == 1 ? "this condition" : "these conditions")\n".utf8))
        }
        print(text, terminator: "")
    }
}

extension ExpressionCommand {
    struct Simplify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the simplified expression (SymPy syntax).")
        @OptionGroup var input: ExpressionArgument

        func run() throws {
            try reportingFailures {
                var result = try input.expression().simplified()
                if let digits = input.round { result = result.replacingExpr(result.expr.rounded(significantDigits: digits).simplified()) }
                input.printNotingDomain(result, "\(result.expr)\n")
            }
        }
    }

    struct LaTeX: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "latex", abstract: "Print the expression as LaTeX.")
        @OptionGroup var input: ExpressionArgument

        func run() throws {
            try reportingFailures {
                let expression = try input.expression()
                input.printNotingDomain(expression, LaTeXPrinter().print(expression.expr) + "\n")
            }
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
                let expression = try input.expression()
                let expr = expression.expr
                let parameters = try vars.map { try commaSeparated($0, option: "--vars", unique: true) }
                if let parameters {
                    let missing = expr.variables.filter { !parameters.contains($0) }
                    guard missing.isEmpty else {
                        throw CommandFailure("--vars lacks \(missing.joined(separator: ", ")), used by the expression")
                    }
                }
                if let problem = SwiftCodePrinter.functionNameProblem(name) { throw CommandFailure("--name '\(name.excerpt())': \(problem)") }
                let printer = SwiftCodePrinter(settings: .init(functionName: name))
                input.printNotingDomain(expression, printer.printFunction(expr, parameters: parameters))
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
                let point: [String: Double]
                do throws(PointParseError) { point = try PointParser.parse(at) } catch {
                    // A list's error quotes the value after the option's name; the others follow a colon.
                    if case .list(let list) = error { throw CommandFailure("--at \(list)") }
                    throw CommandFailure("--at: \(error)")
                }
                // A name given a value is a variable, even one that spells a constant (`E`, `pi`).
                let expr = try input.expression(variables: Set(point.keys))
                let variables = expr.writtenVariables
                if let unused = point.keys.sorted().first(where: { !variables.contains($0) }) {
                    let known = variables.isEmpty ? "it has none" : "its variables: \(variables.sorted().joined(separator: ", "))"
                    throw CommandFailure("--at: \(unused) is not a variable of '\(input.text.excerpt())' (\(known))")
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
