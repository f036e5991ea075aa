import Foundation
import Symbolic
import Testing

@Suite("Function library")
struct LibraryTests {
    /// pykan's SYMBOLIC_LIB names and complexities (kan/utils.py), written down independently of the JSON.
    static let pykanComplexities: [String: Int] = [
        "x": 1, "x^2": 2, "x^3": 3, "x^4": 3, "x^5": 3, "1/x": 2, "1/x^2": 2, "1/x^3": 3, "1/x^4": 4, "1/x^5": 5,
        "sqrt": 2, "x^0.5": 2, "x^1.5": 4, "1/sqrt(x)": 2, "exp": 2, "log": 2, "abs": 3, "sin": 2, "cos": 2,
        "tan": 3, "tanh": 3, "sgn": 3, "arcsin": 4, "arccos": 4, "arctan": 4, "arctanh": 4, "0": 0, "gaussian": 3,
    ]

    @Test("the default library holds pykan's functions with pykan's complexities")
    func standardLibrary() throws {
        let library = try FunctionLibrary.standard()
        for (name, complexity) in Self.pykanComplexities {
            #expect(try library.function(named: name).complexity == complexity, "\(name)")
        }
        #expect(try library.function(named: "gaussian").applied(to: .variable("t")).description == "exp(-t**2)")
        // pykan has cosh commented out at complexity 5; sinh is its odd twin.
        for name in ["cosh", "sinh"] {
            let function = try library.function(named: name)
            #expect(function.complexity == 5)
            let value = try function.definition.evaluate(at: ["x": 0.7])
            #expect(abs(value - (name == "cosh" ? cosh(0.7) : sinh(0.7))) < 1e-15, "\(name)")
        }
    }

    @Test("domains", arguments: [("log", 0.0, false), ("log", 0.1, true), ("sqrt", -0.1, false), ("arcsin", 1.0, true),
                                 ("arcsin", 1.01, false), ("arctanh", 1.0, false), ("1/x", 0.0, false), ("tan", 1.0, true),
                                 ("x^2", -5.0, true)])
    func domains(name: String, x: Double, defined: Bool) throws {
        #expect(try FunctionLibrary.standard().function(named: name).isDefined(at: x) == defined)
    }

    @Test("every definition is real wherever its domain says so")
    func definitionsAgreeWithDomains() throws {
        for function in try FunctionLibrary.standard().functions {
            for x in stride(from: -2.0, through: 2.0, by: 0.125) where function.isDefined(at: x) {
                #expect((try? function.definition.evaluate(at: ["x": x])) != nil, "\(function.name) at \(x)")
            }
        }
    }

    @Test("a user's library file loads the same way; subsets keep the order asked")
    func userLibrary() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lib-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try #"{"functions": [{"name": "cube", "definition": "x^3", "complexity": 3},"#.appending(
            #" {"name": "bump", "definition": "exp(-x^2)*cos(x)", "complexity": 5}]}"#).write(to: url, atomically: false, encoding: .utf8)
        let library = try FunctionLibrary.load(from: url)
        #expect(library.functions.map(\.name) == ["cube", "bump"])
        #expect(try library.subset(["bump", "cube"]).functions.map(\.name) == ["bump", "cube"])
        #expect(throws: LibraryError.self) { try library.subset(["sin"]) }
    }

    @Test("a bad entry is an error naming the file and the entry", arguments: [
        (#"{"functions": [{"name": "bad", "definition": "sin(x", "complexity": 2}]}"#, "entry 'bad': definition 'sin(x' does not parse"),
        (#"{"functions": [{"name": "two", "definition": "x*y", "complexity": 2}]}"#, "entry 'two': definition uses y"),
        (#"{"functions": [{"definition": "x", "complexity": 1}]}"#, "entry '#1': missing 'name'"),
        (#"{"functions": [{"name": "c", "definition": "x", "complexity": 1, "domain": ["x ~ 0"]}]}"#, "entry 'c': domain condition 'x ~ 0'"),
        (#"{"functions": [{"name": "n", "definition": "x"}]}"#, "entry 'n': missing or negative 'complexity'"),
        (#"{"functions": [{"name": "h", "definition": "x", "complexity": 9223372036854775807}]}"#, "entry 'h': 'complexity' is 9223372036854775807; expected a whole number from 0 to 1000"),
        (#"{"functions": [{"name": "a,b", "definition": "x", "complexity": 1}]}"#, "entry 'a,b': the name contains a comma"),
        (#"{"functions": [{"name": "d", "definition": "x", "complexity": 1}, {"name": "d", "definition": "x", "complexity": 1}]}"#, "entry 'd': duplicate name"),
        (#"[1, 2"#, "cannot read library my.json"),
    ])
    func badEntries(json: String, message: String) {
        do {
            _ = try FunctionLibrary.decode(Data(json.utf8), file: "my.json")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains("my.json"), "\(error)")
        }
    }
}
