/// Accuracy, confusion matrix, RMSE and r2 of predictions against labels, shared by training, distillation and
/// comparisons.
public enum Metrics {
    /// True when the labels are one column of small non-negative integers (class indices).
    public static func isClassification(_ labels: Matrix) -> Bool {
        labels.columns == 1 && labels.values.allSatisfy { $0 >= 0 && $0 == $0.rounded() && $0 < 1000 }
            && Set(labels.values).count <= 20
    }

    /// Predicted classes: the arg-max of several outputs, or one output rounded to the nearest class.
    public static func classes(_ predictions: Matrix, classCount: Int) -> [Int] {
        (0..<predictions.rows).map { row in
            if predictions.columns == 1 {
                let value = predictions[row, 0]
                guard value.isFinite else { return 0 }
                return Int(min(max(value.rounded(), 0), Double(classCount - 1)))
            }
            let values = predictions.row(row)
            return values.indices.max { values[$0] < values[$1] }!
        }
    }

    public static func accuracy(_ predicted: [Int], _ labels: Matrix) -> Double {
        Double(zip(predicted, labels.values).filter { Double($0.0) == $0.1 }.count) / Double(labels.rows)
    }

    public static func confusion(_ predicted: [Int], _ labels: Matrix, classCount: Int) -> [[Int]] {
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (p, label) in zip(predicted, labels.values) where label >= 0 && Int(label) < classCount { matrix[Int(label)][p] += 1 }
        return matrix
    }

    /// The root of the mean squared difference, over all entries.
    public static func rmse(_ predictions: Matrix, _ labels: Matrix) -> Double {
        rmse(predictions.values, labels.values)
    }

    /// The root of the mean squared difference.
    public static func rmse(_ predictions: [Double], _ labels: [Double]) -> Double {
        (zip(predictions, labels).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(labels.count)).squareRoot()
    }

    /// The mean squared difference, each squared difference weighted by `weights` when given (divided by the
    /// weights' sum).
    public static func meanSquaredError(_ predictions: [Double], _ labels: [Double], weights: [Double]?) -> Double {
        var sum = 0.0, total = 0.0
        for (i, (p, t)) in zip(predictions, labels).enumerated() {
            let w = weights?[i] ?? 1
            sum += w * (p - t) * (p - t)
            total += w
        }
        return sum / total
    }

    /// The coefficient of determination, `1 - SS_res / SS_tot` (1 for an exact fit of constant labels, else 0
    /// when the labels are constant).
    public static func r2(_ predictions: [Double], _ labels: [Double]) -> Double {
        let mean = labels.reduce(0, +) / Double(labels.count)
        let total = labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let residual = zip(predictions, labels).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return total > 0 ? 1 - residual / total : (residual == 0 ? 1 : 0)
    }

    /// The population standard deviation of `values` (0 for none): the scale against which tolerances on a
    /// target's errors are judged.
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }
}
