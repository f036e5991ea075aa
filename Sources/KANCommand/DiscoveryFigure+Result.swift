import Datasets
import Distill
import Plotting

extension DiscoveryFigure {
    /// The figure of `result`, found on `data` and reported as `report`: the front's members with the one the
    /// search chose marked (by its complexity: the chosen formula is that member with its constants refitted), and
    /// the chosen formula's predictions on the data's test rows, those where it has a finite value. The title is the
    /// reported formula, in the data's own units and column names.
    init(_ result: DiscoveryResult, report: DiscoveryReport, data: Dataset) {
        let chosenComplexity = result.front.chosen?.complexity
        let front = result.front.candidates.map {
            FrontPoint(complexity: $0.complexity, testRMSE: $0.testRMSE, isChosen: $0.complexity == chosenComplexity)
        }
        let compiled = try? result.chosen?.formula.compiled(variables: result.variables)
        var measured: [Double] = [], predicted: [Double] = []
        for row in 0..<data.testInputs.rows {
            guard let compiled, let value = try? compiled(data.testInputs.row(row)), value.isFinite else { continue }
            measured.append(data.testLabels[row, 0])
            predicted.append(value)
        }
        self.init(front: front, measured: measured, predicted: predicted, target: report.target, formula: report.formula)
    }
}
