import Foundation

extension Expr {
    /// The value at a point given by variable name, or why there is none.
    public func evaluate(at point: [String: Double]) throws(EvaluationError) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .named(let constant):
            return constant.value
        case .variable(let name):
            guard let value = point[name] else { throw .unboundVariable(name) }
            return value
        case .sum(let sum):
            var total = sum.constant
            for term in sum.terms { total += term.coefficient * (try term.expr.evaluate(at: point)) }
            return total
        case .product(let product):
            var total = product.coefficient
            for factor in product.factors {
                let base = try factor.base.evaluate(at: point)
                let exponent = try factor.exponent.evaluate(at: point)
                total *= try Expr.evaluatePower(base, exponent, factor: factor)
            }
            return total
        case .function(let function, let argument):
            return try function.evaluate(try argument.evaluate(at: point)).get()
        }
    }

    /// Values on whole columns: `rows[r][v]` is variable `variables[v]` in row `r`. Errors name the row (0-based).
    public func evaluate(rows: [[Double]], variables: [String]) throws(EvaluationError) -> [Double] {
        let compiled = try compiled(variables: variables)
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard row.count == variables.count else { throw .wrongRowLength(row: index, expected: variables.count, found: row.count) }
            do {
                values.append(try compiled(row))
            } catch {
                throw .atRow(index, error)
            }
        }
        return values
    }

    /// A closure that evaluates the expression on one row of values ordered as `variables`: the tree is walked
    /// once here instead of once per row.
    public func compiled(variables: [String]) throws(EvaluationError) -> @Sendable ([Double]) throws(EvaluationError) -> Double {
        try compile { name throws(EvaluationError) in
            guard let index = variables.firstIndex(of: name) else { throw .unboundVariable(name) }
            return { row in row[index] }
        }
    }

    /// The one compiler behind `compiled(variables:)` and `compiledFunction(of:)`; `variable` gives, for a
    /// name, the reader of that variable's value from the input.
    private func compile<Input: Sendable>(_ variable: (String) throws(EvaluationError) -> @Sendable (Input) -> Double)
        throws(EvaluationError) -> @Sendable (Input) throws(EvaluationError) -> Double {
        switch self {
        case .constant(let value):
            return { _ throws(EvaluationError) in value }
        case .named(let constant):
            let value = constant.value
            return { _ throws(EvaluationError) in value }
        case .variable(let name):
            let read = try variable(name)
            return { input throws(EvaluationError) in read(input) }
        case .sum(let sum):
            let constant = sum.constant
            let coefficients = sum.terms.map(\.coefficient)
            var compiledTerms: [@Sendable (Input) throws(EvaluationError) -> Double] = []
            for term in sum.terms { compiledTerms.append(try term.expr.compile(variable)) }
            let parts = compiledTerms
            return { input throws(EvaluationError) in
                var total = constant
                for (coefficient, part) in zip(coefficients, parts) { total += coefficient * (try part(input)) }
                return total
            }
        case .product(let product):
            let coefficient = product.coefficient
            var compiledFactors: [(Factor, @Sendable (Input) throws(EvaluationError) -> Double, @Sendable (Input) throws(EvaluationError) -> Double)] = []
            for factor in product.factors {
                compiledFactors.append((factor, try factor.base.compile(variable), try factor.exponent.compile(variable)))
            }
            let parts = compiledFactors
            return { input throws(EvaluationError) in
                var total = coefficient
                for (factor, base, exponent) in parts {
                    total *= try Expr.evaluatePower(try base(input), try exponent(input), factor: factor)
                }
                return total
            }
        case .function(let function, let argument):
            let inner = try argument.compile(variable)
            return { input throws(EvaluationError) in try function.evaluate(try inner(input)).get() }
        }
    }

    /// `base ^ exponent` as a real number, or the domain error that names it.
    static func evaluatePower(_ base: Double, _ exponent: Double, factor: Factor) throws(EvaluationError) -> Double {
        if exponent == 1 { return base }
        if exponent == 2, (base * base).isFinite { return base * base }
        if base == 0 && exponent < 0 {
            // A literal zero's power reads as the division it was written as: `1/0`, not `0**(-1)`.
            if case .constant = factor.base, exponent == exponent.rounded(), abs(exponent) < 1e15 {
                throw .divisionByZero(expression: exponent == -1 ? "1/0" : "1/0**\(Int(-exponent))")
            }
            throw .divisionByZero(expression: PlainTextPrinter().print(.product(Product(coefficient: 1, factors: [factor]))))
        }
        if base < 0 && exponent != exponent.rounded() {
            let name = exponent == 0.5 ? "sqrt" : "pow"
            throw .domain(function: name, argument: base, reason: "negative base with non-integer exponent \(exponent)")
        }
        let value = exponent == 0.5 ? Foundation.sqrt(base) : (exponent == -1 ? 1 / base : Foundation.pow(base, exponent))
        guard value.isFinite else { throw .overflow(function: "pow(·, \(exponent))", argument: base) }
        return value
    }
}

extension Expr {
    /// A closure evaluating the expression as a function of one variable, for hot loops (edge functions,
    /// fitting): the tree is walked once here, and no array is built per call.
    public func compiledFunction(of variable: String) throws(EvaluationError) -> @Sendable (Double) throws(EvaluationError) -> Double {
        try compile { name throws(EvaluationError) in
            guard name == variable else { throw .unboundVariable(name) }
            return { x in x }
        }
    }
}
