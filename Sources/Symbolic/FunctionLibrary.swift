import Files
import Foundation

/// One function of a symbolic library, such as `sin`, `x^2` or `gaussian`: what edges of a KAN are matched
/// against. Loaded from a JSON file under `SymbolLibrary/`.
public struct LibraryFunction: Sendable, Equatable {
    /// The name users write, e.g. `x^2`.
    public let name: String
    /// The definition in terms of the variable `x`, e.g. `exp(-x^2)`.
    public let definition: Expr
    /// pykan's complexity score: higher is less simple.
    public let complexity: Int
    /// Conditions on `x` under which the definition is real.
    public let domain: [DomainCondition]
    /// LaTeX and Swift spellings in terms of `x`, for labels and tables.
    public let latex: String
    public let swift: String

    public init(name: String, definition: Expr, complexity: Int, domain: [DomainCondition] = [], latex: String, swift: String) {
        self.name = name
        self.definition = definition
        self.complexity = complexity
        self.domain = domain
        self.latex = latex
        self.swift = swift
    }

    /// The function applied to `argument`: the definition with `x` replaced.
    public func applied(to argument: Expr) -> Expr { definition.substituting(["x": argument]) }

    /// True when every domain condition holds at `x`.
    public func isDefined(at x: Double) -> Bool {
        domain.allSatisfy { $0.holds(at: x) }
    }
}

/// A condition `lhs RELATION bound` on the variable `x`, such as `x > 0` or `1 - x^2 >= 0`.
public struct DomainCondition: Sendable, Equatable, CustomStringConvertible {
    /// The comparison in a condition.
    public enum Relation: String, Sendable, CaseIterable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", notEqual = "!=", greater = ">", less = "<"
    }

    public let lhs: Expr
    public let relation: Relation
    public let bound: Double

    public var description: String { "\(lhs) \(relation.rawValue) \(shortestDecimal(bound))" }

    /// Parses `lhs RELATION number`.
    public init(parsing text: String) throws(LibraryError) {
        guard let relation = Relation.allCases.first(where: { text.contains($0.rawValue) }) else {
            throw .invalidDomain(text, reason: "expected one of >=, <=, !=, >, <")
        }
        let sides = text.components(separatedBy: relation.rawValue)
        guard sides.count == 2 else { throw .invalidDomain(text, reason: "expected exactly one comparison") }
        do {
            self.lhs = try Expr(parsing: sides[0])
            self.bound = try Expr(parsing: sides[1]).evaluate(at: [:])
        } catch let error as ParseError {
            throw .invalidDomain(text, reason: error.description)
        } catch {
            throw .invalidDomain(text, reason: "the right side must be a number")
        }
        self.relation = relation
    }

    /// True when the condition holds at `x` (false where `lhs` itself is undefined).
    public func holds(at x: Double) -> Bool {
        guard let value = try? lhs.evaluate(at: ["x": x]) else { return false }
        return holds(forValue: value)
    }

    /// True when `value`, the left side's value at some point, satisfies the comparison.
    public func holds(forValue value: Double) -> Bool {
        switch relation {
        case .greaterOrEqual: return value >= bound
        case .lessOrEqual: return value <= bound
        case .notEqual: return value != bound
        case .greater: return value > bound
        case .less: return value < bound
        }
    }
}

/// Why a library file could not be loaded; every case names the file and the entry.
public enum LibraryError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalidEntry(file: String, entry: String, reason: String)
    case invalidDomain(String, reason: String)
    case unknownFunction(String, available: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "cannot read library \(file): \(reason)"
        case .invalidEntry(let file, let entry, let reason): "library \(file), entry '\(entry)': \(reason)"
        case .invalidDomain(let text, let reason): "domain condition '\(text)': \(reason)"
        case .unknownFunction(let name, let available):
            "no function '\(name)' in the library (available: \(available.joined(separator: ", ")))"
        }
    }
}

/// A named, ordered set of library functions, loaded from JSON:
///
/// ```json
/// {"functions": [{"name": "sin", "definition": "sin(x)", "complexity": 2, "domain": [],
///                 "latex": "\\sin(x)", "swift": "sin(x)"}]}
/// ```
public struct FunctionLibrary: Sendable {
    public let functions: [LibraryFunction]

    public init(functions: [LibraryFunction]) {
        self.functions = functions
    }

    /// The library of `SymbolLibrary/default.json` (compiled into the module): pykan's `SYMBOLIC_LIB` with
    /// its complexities.
    public static func standard() throws(LibraryError) -> FunctionLibrary {
        try decode(Data(embeddedDefaultLibraryJSON.utf8), file: "SymbolLibrary/default.json")
    }

    /// Loads a library file; errors name the file and the entry.
    public static func load(from url: URL) throws(LibraryError) -> FunctionLibrary {
        let data: Data
        do { data = try FileReader.data(at: url.path) } catch { throw .unreadable(file: url.path, reason: error.reason) }
        return try decode(data, file: url.path)
    }

    /// The largest complexity an entry may have (pykan's are 1 to 4): complexities are summed over a formula.
    public static let maximumComplexity = 1000

    /// Decodes library JSON; `file` is the name used in errors.
    public static func decode(_ data: Data, file: String) throws(LibraryError) -> FunctionLibrary {
        struct Entry: Decodable {
            let name: String?
            let definition: String?
            let complexity: Int?
            let domain: [String]?
            let latex: String?
            let swift: String?
        }
        struct Document: Decodable { let functions: [Entry] }
        let document: Document
        do {
            document = try JSONDocument.decode(Document.self, from: data,
                                               expected: #"a function library ({"functions": [{"name": ..., "definition": ..., "complexity": ...}]})"#)
        } catch {
            throw .unreadable(file: file, reason: error.description)
        }
        var functions: [LibraryFunction] = []
        for (index, entry) in document.functions.enumerated() {
            let label = entry.name ?? "#\(index + 1)"
            func fail(_ reason: String) -> LibraryError { .invalidEntry(file: file, entry: label, reason: reason) }
            guard let name = entry.name, !name.isEmpty else { throw fail("missing 'name'") }
            guard !functions.contains(where: { $0.name == name }) else { throw fail("duplicate name") }
            guard let definitionText = entry.definition else { throw fail("missing 'definition'") }
            guard let complexity = entry.complexity, complexity >= 0 else { throw fail("missing or negative 'complexity'") }
            // Complexities are summed over a formula's nodes: one near Int.max trapped discovery on the sum.
            guard complexity <= Self.maximumComplexity else {
                throw fail("'complexity' is \(complexity); expected a whole number from 0 to \(Self.maximumComplexity)")
            }
            guard !name.contains(",") else { throw fail("the name contains a comma, which --lib-names separates names with") }
            let definition: Expr
            do { definition = try Expr(parsing: definitionText) } catch {
                throw fail("definition '\(definitionText.excerpt())' does not parse: \(error)")
            }
            let strays = definition.variables.filter { $0 != "x" }
            guard strays.isEmpty else { throw fail("definition uses \(strays.joined(separator: ", ")); only x is allowed") }
            var domain: [DomainCondition] = []
            for condition in entry.domain ?? [] {
                do { domain.append(try DomainCondition(parsing: condition)) } catch { throw fail(error.description) }
                guard domain.last!.lhs.variables.allSatisfy({ $0 == "x" }) else {
                    throw fail("domain condition '\(condition)' may only use x")
                }
            }
            functions.append(LibraryFunction(
                name: name, definition: definition, complexity: complexity, domain: domain,
                latex: entry.latex ?? LaTeXPrinter().print(definition),
                swift: entry.swift ?? SwiftCodePrinter().print(definition)))
        }
        return FunctionLibrary(functions: functions)
    }

    /// The function called `name`.
    public func function(named name: String) throws(LibraryError) -> LibraryFunction {
        guard let function = functions.first(where: { $0.name == name }) else {
            throw .unknownFunction(name, available: functions.map(\.name))
        }
        return function
    }

    /// The sub-library of the named functions, in the order given (e.g. pykan's
    /// `['x','x^2','exp','sin']`).
    public func subset(_ names: [String]) throws(LibraryError) -> FunctionLibrary {
        var chosen: [LibraryFunction] = []
        for name in names { chosen.append(try function(named: name)) }
        return FunctionLibrary(functions: chosen)
    }
}
