import Symbolic

extension DistillationReport {
    /// The formulas as `kan distill` prints them, every line ending in a newline: for each output `formula: ...`,
    /// then `constants: 1.3723 ± 0.0043, ...` when it has fitted constants, then `latex: ...` when `latex`. Empty
    /// when edges stayed splines.
    public func formulasText(latex: Bool) -> String {
        formulas.indices.map { output in
            let fitted = output < constants.count ? constants[output] : []
            var lines = ["formula: \(formulas[output])"]
            if !fitted.isEmpty { lines.append("constants: \(fitted.map(\.text).joined(separator: ", "))") }
            if latex { lines.append("latex: \(LaTeXPrinter().print(formulas[output]))") }
            return lines.map { $0 + "\n" }.joined()
        }.joined()
    }
}
