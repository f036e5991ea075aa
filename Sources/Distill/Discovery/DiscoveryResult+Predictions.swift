import Datasets

extension DiscoveryResult {
    /// The chosen formula's predictions on `data`'s test rows (the data it was found on), next to the measured
    /// targets, row by row: only the rows where the formula has a finite value; none when nothing was chosen.
    public func testPredictions(on data: Dataset) -> (measured: [Double], predicted: [Double]) {
        guard let compiled = try? chosen?.formula.compiled(variables: variables) else { return ([], []) }
        var measured: [Double] = [], predicted: [Double] = []
        for row in 0..<data.testInputs.rows {
            guard let value = try? compiled(data.testInputs.row(row)), value.isFinite else { continue }
            measured.append(data.testLabels[row, 0])
            predicted.append(value)
        }
        return (measured, predicted)
    }
}
