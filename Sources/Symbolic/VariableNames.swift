/// The formula variables of data columns: one distinct name per column that the parser reads back as that variable
/// and never as a constant. A column whose name already is such a name keeps it; any other gets
/// `ExpressionParser.variableName` of its name (`max-hr` is `max_hr`), with `_1`, `_2` ... appended when that
/// spells a constant (`pi`, `e`, `E`) or another column's variable (`x^2` beside a column `x_2`).
public enum VariableNames {
    /// The variables of `columns`, in order.
    public static func of(_ columns: [String], reserved: Set<String> = Set(ExpressionParser.defaultConstants.keys)) -> [String] {
        var names = [String?](repeating: nil, count: columns.count)
        var taken = reserved
        for (index, column) in columns.enumerated() where ExpressionParser.variableName(column) == column && !taken.contains(column) {
            names[index] = column
            taken.insert(column)
        }
        for (index, column) in columns.enumerated() where names[index] == nil {
            let base = ExpressionParser.variableName(column)
            var candidate = base, suffix = 0
            while taken.contains(candidate) {
                suffix += 1
                candidate = "\(base)_\(suffix)"
            }
            names[index] = candidate
            taken.insert(candidate)
        }
        return names.map { $0! }
    }

    /// Notes such as `column 'pi' is the variable pi_1 in formulas (pi is a constant)`, one for every column
    /// whose variable is not its name made parseable, for commands to print: a renamed column must not surprise.
    public static func renamingNotes(columns: [String], variables: [String]) -> [String] {
        zip(columns, variables).compactMap { column, variable in
            let sanitized = ExpressionParser.variableName(column)
            guard variable != sanitized else { return nil }
            let reason = ExpressionParser.defaultConstants[sanitized] != nil ? "\(sanitized) is a constant" : "\(sanitized) is another column's"
            return "column '\(column.excerpt())' is the variable \(variable) in formulas (\(reason))"
        }
    }
}
