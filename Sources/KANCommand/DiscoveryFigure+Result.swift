import Datasets
import Distill
import Plotting

extension DiscoveryFigure {
    /// The figure of `result`, found on `data` and reported as `report`: the front's members with the one the
    /// search chose marked (by its complexity: the chosen formula is that member with its constants refitted), and
    /// the chosen formula's predictions on the data's test rows (`DiscoveryResult.testPredictions`). The title is
    /// the reported formula, in the data's own units and column names.
    init(_ result: DiscoveryResult, report: DiscoveryReport, data: Dataset) {
        let chosenComplexity = result.front.chosen?.complexity
        let front = result.front.candidates.map {
            FrontPoint(complexity: $0.complexity, testRMSE: $0.testRMSE, isChosen: $0.complexity == chosenComplexity)
        }
        let (measured, predicted) = result.testPredictions(on: data)
        self.init(front: front, measured: measured, predicted: predicted, target: report.target, formula: report.formula)
    }
}
