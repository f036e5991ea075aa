@testable import Fitting
import Symbolic
import Testing
import TestSupport

/// The fitter's view of a library function: native closures where it knows the form, and the symmetries it
/// uses to report the simplest equivalent constants.
@Suite("Function shapes")
struct FunctionShapeTests {
    static let library = try! FunctionLibrary.standard()

    @Test("native closures compute what the compiled definition and its derivative do, for every default entry")
    func nativeMatchesCompiled() throws {
        var native = 0
        for function in Self.library.functions {
            guard let closures = NativeFunction(function.definition) else { continue }
            native += 1
            let value = try function.definition.compiledFunction(of: "x")
            let derivative = try function.definition.derivative(with: "x").simplified().compiledFunction(of: "x")
            for x in stride(from: -2.95, through: 2.95, by: 0.1) {
                if let expected = try? value(x), expected.isFinite {
                    expectClose(closures.value(x), expected, tolerance: 1e-13, "\(function.name) at \(x)")
                } else {
                    #expect(!closures.value(x).isFinite, "\(function.name) at \(x) is undefined, native gives \(closures.value(x))")
                }
                if let expected = try? derivative(x), expected.isFinite, closures.value(x).isFinite {
                    expectClose(closures.derivative(x), expected, tolerance: 1e-12, "\(function.name)' at \(x)")
                }
            }
        }
        #expect(native >= 27, "only \(native) entries are native")
        for name in ["cosh", "sinh"] { #expect(NativeFunction(try Self.library.function(named: name).definition) != nil, "\(name)") }
    }

    @Test("odd symmetries are found for functions defined only on [-1, 1]: asin, atanh odd, acos odd about pi/2")
    func restrictedDomainParity() throws {
        for (name, k) in [("arcsin", 0.0), ("arctanh", 0.0), ("arccos", Double.pi), ("tanh", 0.0)] {
            let function = try Self.library.function(named: name)
            let shape = try FunctionShape(definition: function.definition, domain: function.domain)
            guard case .odd(let found) = shape.parity else { Issue.record("\(name): \(shape.parity)"); continue }
            expectClose(found, k, tolerance: 1e-12, name)
        }
        let sqrt = try Self.library.function(named: "sqrt")
        #expect(try FunctionShape(definition: sqrt.definition, domain: sqrt.domain).parity == .neither)
    }
}
