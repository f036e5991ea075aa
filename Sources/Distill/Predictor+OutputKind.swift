import Files

extension OutputKind {
    /// Predictions (`kan predict --output`): a CSV file of one column, its header naming what is predicted.
    public static let predictions = OutputKind.text("a one-column CSV file of predictions") { header in
        !header.isEmpty && !header.contains(",") && !header.contains(";") && !header.contains("\t")
    }
}
