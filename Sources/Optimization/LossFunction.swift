import Foundation

/// What `fit` minimises, besides the regulariser: a value and its gradient with respect to the predictions.
public enum LossFunction: Sendable {
    /// `mean((prediction - target)^2)` over all entries, pykan's default; reported as its square root (RMSE).
    case meanSquaredError
    /// Softmax cross-entropy: predictions are logits (`rows x classes`), targets one column of class indices.
    case crossEntropy
    /// A user's loss: `(predictions, targets) -> (value, dValue/dPredictions)`, the gradient laid out as the
    /// predictions' values.
    case custom(@Sendable (Matrix, Matrix) -> (value: Double, gradient: [Double]))

    /// The loss and its gradient.
    public func evaluate(predictions: Matrix, targets: Matrix) -> (value: Double, gradient: [Double]) {
        switch self {
        case .meanSquaredError:
            let count = Double(predictions.values.count)
            var value = 0.0
            var gradient = [Double](repeating: 0, count: predictions.values.count)
            for index in gradient.indices {
                let difference = predictions.values[index] - targets.values[index]
                value += difference * difference
                gradient[index] = 2 * difference / count
            }
            return (value / count, gradient)
        case .crossEntropy:
            let classes = predictions.columns, rows = Double(predictions.rows)
            var value = 0.0
            var gradient = [Double](repeating: 0, count: predictions.values.count)
            for row in 0..<predictions.rows {
                let logits = predictions.row(row)
                let largest = logits.max() ?? 0
                let exponentials = logits.map { Foundation.exp($0 - largest) }
                let total = exponentials.reduce(0, +)
                let label = Int(targets[row, 0])
                value -= Foundation.log(exponentials[label] / total)
                for c in 0..<classes {
                    gradient[row * classes + c] = (exponentials[c] / total - (c == label ? 1 : 0)) / rows
                }
            }
            return (value / rows, gradient)
        case .custom(let loss):
            return loss(predictions, targets)
        }
    }

    /// The number a progress line shows for a loss value: RMSE for mean squared error, the value otherwise.
    public func reported(_ value: Double) -> Double {
        if case .meanSquaredError = self { return value.squareRoot() }
        return value
    }

    /// Checks that `targets` fit `outputs` model outputs (labels' shape, class indices in range).
    public func checkTargets(_ targets: Matrix, outputs: Int) throws(TargetError) {
        switch self {
        case .meanSquaredError:
            guard targets.columns == outputs else {
                throw .shapeMismatch(what: "label columns (the model's output width)", expected: outputs, found: targets.columns)
            }
        case .crossEntropy:
            guard targets.columns == 1 else {
                throw .shapeMismatch(what: "label columns for cross-entropy (one class index)", expected: 1, found: targets.columns)
            }
            if let bad = targets.values.firstIndex(where: { $0 < 0 || $0 >= Double(outputs) || $0 != $0.rounded() }) {
                throw .invalidLabel(value: targets.values[bad], row: bad, reason: "cross-entropy labels must be class indices 0..<\(outputs)")
            }
        case .custom:
            break
        }
    }
}
