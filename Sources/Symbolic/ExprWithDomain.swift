/// An expression that has a value exactly where its written form has one.
///
/// Construction and simplification drop what cannot change a value where everything is defined: `0*log(x)` is
/// `0`, `sqrt(x)^2` is `x`, `x/x` is `1`, `exp(log(u))` is `u` (as in SymPy). `expr` is that canonical form;
/// `conditions` are the partial operations (`PartialOperation`) of the form as written, each of which must have
/// a value at a point for the expression to have one there. Evaluation checks them first, so `0*log(x)` at
/// `x = 0` and `sqrt(x)^2` at `x = -4` are domain errors, not `0` and `-4`; simplifying changes `expr` only.
public struct ExprWithDomain: Sendable, Equatable {
    /// The canonical (possibly simplified) expression.
    public let expr: Expr
    /// The partial operations of the written form, innermost first.
    public let conditions: [PartialOperation]

    public init(expr: Expr, conditions: [PartialOperation]) {
        self.expr = expr
        self.conditions = conditions
    }

    /// An expression with its own partial operations as the conditions.
    public init(_ expr: Expr) {
        self.init(expr: expr, conditions: expr.partialOperations)
    }

    /// Parses `text`, keeping the partial operations as written (`ExpressionParser.parseWithDomain(_:)`).
    public init(parsing text: String, parser: ExpressionParser = ExpressionParser()) throws(ParseError) {
        self = try parser.parseWithDomain(text)
    }

    /// The value at a point, or the domain error of the first condition (in written order) without one. A
    /// result beyond a `Double`'s range is an error too (`1e300*1e300` folds to infinity).
    public func evaluate(at point: [String: Double]) throws(EvaluationError) -> Double {
        for condition in conditions { try condition.check(at: point) }
        let value = try expr.evaluate(at: point)
        guard value.isFinite else { throw .nonFinite(value) }
        return value
    }

    /// A closure evaluating the expression on one row of values ordered as `variables`, as `evaluate(at:)` does:
    /// the conditions first, and a non-finite result is an error.
    public func compiled(variables: [String]) throws(EvaluationError) -> @Sendable ([Double]) throws(EvaluationError) -> Double {
        var checks: [@Sendable ([Double]) throws(EvaluationError) -> Void] = []
        for condition in conditions { checks.append(try condition.compiledCheck(variables: variables)) }
        let value = try expr.compiled(variables: variables)
        let allChecks = checks
        return { row throws(EvaluationError) in
            for check in allChecks { try check(row) }
            let result = try value(row)
            guard result.isFinite else { throw .nonFinite(result) }
            return result
        }
    }

    /// The variables of the written form: the expression's and its conditions' (`0*log(y)` is `0`, written with `y`).
    public var writtenVariables: Set<String> {
        Set(expr.variables).union(conditions.flatMap(\.variables))
    }

    /// The expression simplified; the conditions stay those of the written form.
    public func simplified() -> ExprWithDomain {
        ExprWithDomain(expr: expr.simplified(), conditions: conditions)
    }

    /// The same conditions on another form of the expression (rounded, say).
    public func replacingExpr(_ newExpr: Expr) -> ExprWithDomain {
        ExprWithDomain(expr: newExpr, conditions: conditions)
    }

    /// A condition without variables that fails, with its error: the expression has no value anywhere (`0/0`,
    /// `(x - x)/(x - x)`, `log(-1)*0`). Nil when every variable-free condition holds.
    public var undefinedEverywhere: (condition: PartialOperation, error: EvaluationError)? {
        for condition in conditions {
            guard condition.variables.isEmpty else { continue }
            do { try condition.check(at: [:]) } catch .overflow { continue } catch { return (condition, error) }
        }
        return nil
    }

    /// What the written form requires that `expr` alone does not (`x >= 0` for `sqrt(x)^2`, which is `x`), one
    /// requirement each, in written order: where a reader of `expr` would wrongly think it defined.
    public var droppedRequirements: [String] {
        let shown = Set(expr.partialOperations.map(\.requirement))
        var seen = Set<String>()
        return conditions.map(\.requirement).filter { !shown.contains($0) && seen.insert($0).inserted }
    }
}

extension PartialOperation {
    /// `check(at:)` as a closure on rows of values ordered as `variables`.
    func compiledCheck(variables: [String]) throws(EvaluationError) -> @Sendable ([Double]) throws(EvaluationError) -> Void {
        switch self {
        case .power(let base, let exponent):
            let b = try base.compiled(variables: variables), e = try exponent.compiled(variables: variables)
            let factor = Factor(base: base, exponent: exponent)
            return { row throws(EvaluationError) in _ = try Expr.evaluatePower(try b(row), try e(row), factor: factor) }
        case .function(let function, let argument):
            let u = try argument.compiled(variables: variables)
            return { row throws(EvaluationError) in _ = try function.evaluate(try u(row)).get() }
        }
    }

    /// The operands' variables.
    var variables: [String] {
        switch self {
        case .power(let base, let exponent): return base.variables + exponent.variables
        case .function(_, let argument): return argument.variables
        }
    }
}

extension Expr {
    /// The partial operations of this tree, innermost first: each factor and function application that has a
    /// value only on part of the real line.
    public var partialOperations: [PartialOperation] {
        var operations: [PartialOperation] = []
        collectPartialOperations(into: &operations)
        return operations
    }

    private func collectPartialOperations(into operations: inout [PartialOperation]) {
        for child in children { child.collectPartialOperations(into: &operations) }
        switch self {
        case .product(let product):
            operations += product.factors.compactMap { PartialOperation.ofPower($0.base, $0.exponent) }
        case .function(let function, let argument):
            if let operation = PartialOperation.ofFunction(function, argument) { operations.append(operation) }
        default:
            break
        }
    }
}
