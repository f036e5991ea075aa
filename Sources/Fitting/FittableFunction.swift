import Symbolic

/// A library function made ready for fitting: compiled value and derivative, domain test and symmetries,
/// worked out once and reused for every edge it is fitted to.
public struct FittableFunction: Sendable {
    public let function: LibraryFunction
    let shape: FunctionShape

    /// Prepares `function`; throws when its definition or domain is not a function of `x` alone.
    public init(_ function: LibraryFunction) throws(FittingError) {
        self.function = function
        shape = try FunctionShape(definition: function.definition, domain: function.domain)
    }
}

/// Every function of a library, prepared for fitting once: what `suggestSymbolic` and `autoSymbolic` fit each
/// edge against. Functions that cannot be prepared are kept with their reason, so a caller can report them.
public struct FittableLibrary: Sendable {
    public let functions: [FittableFunction]
    /// The library's functions that cannot be fitted, with why.
    public let unfittable: [(name: String, reason: FittingError)]

    public init(_ library: FunctionLibrary) {
        var functions: [FittableFunction] = []
        var unfittable: [(name: String, reason: FittingError)] = []
        for function in library.functions {
            do { functions.append(try FittableFunction(function)) } catch { unfittable.append((function.name, error)) }
        }
        self.functions = functions
        self.unfittable = unfittable
    }
}
