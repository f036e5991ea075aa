import Symbolic

/// pykan's `create_dataset` on a formula as a user asks for it, checked before anything is drawn: the formula's
/// text, how many variables to sample (pykan's `n_var`; nil: those the formula uses), the range of every variable as
/// written (`SamplingRange`), the points and the seed.
public struct FormulaSampling: Sendable, Equatable {
    public var formula: String
    public var variableCount: Int?
    public var range: String
    public var trainCount: Int
    public var testCount: Int
    public var seed: UInt64

    public init(formula: String, variableCount: Int? = nil, range: String = "-1,1", trainCount: Int = 1000, testCount: Int = 1000,
                seed: UInt64 = 0) {
        self.formula = formula
        self.variableCount = variableCount
        self.range = range
        self.trainCount = trainCount
        self.testCount = testCount
        self.seed = seed
    }

    /// The data source of these samples, once the formula parses, has no more variables than `variableCount`, the
    /// range is one, and the points fit in memory (`SamplingMemory`), checked in that order.
    public func source() throws(FormulaSamplingError) -> DataSource {
        let expression: Expr
        do { expression = try Expr(parsing: formula) } catch { throw .formula(error) }
        var variables = expression.variables
        if let variableCount {
            guard let sampled = Dataset.sampledVariables(of: expression, count: variableCount) else {
                throw .variables(count: variableCount, used: variables)
            }
            variables = sampled
        }
        let bounds: ClosedRange<Double>
        do { bounds = try SamplingRange.parse(range) } catch { throw .range(error) }
        let memory = SamplingMemory(trainCount: trainCount, testCount: testCount, variables: variables.count)
        do { try memory.checkWithin() } catch { throw .memory(error) }
        return .formula(expression: formula, variables: variables, ranges: [bounds], trainCount: trainCount, testCount: testCount, seed: seed)
    }
}

/// Why a formula's sampling was refused, in the order `FormulaSampling.source` checks.
public enum FormulaSamplingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula does not parse.
    case formula(ParseError)
    /// The formula uses more variables (`used`) than the `count` to sample.
    case variables(count: Int, used: [String])
    /// The range is not `LOW,HIGH`.
    case range(SamplingRangeError)
    /// The points would not fit in memory.
    case memory(SamplingMemoryError)

    public var description: String {
        switch self {
        case .formula(let error): return "the formula does not parse: \(error)"
        case .variables(let count, let used): return "\(count) variables, but the formula uses \(used.count) (\(used.joined(separator: ", ")))"
        case .range(let error): return "range: \(error)"
        case .memory(let error): return "\(error)"
        }
    }
}
