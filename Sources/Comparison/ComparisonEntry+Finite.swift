import Datasets
import KAN

extension ComparisonEntry {
    /// Fails unless the entry's RMSEs (for regression) are finite, naming the metric, the model and the data
    /// `source` describes (`FiniteResults.finite`): NaN or infinity is not a result to print.
    public func checkFinite(on source: DataSource) throws(NonFiniteResult) {
        for (metric, value) in [("train_rmse", trainRMSE), ("test_rmse", testRMSE)] {
            if let value { _ = try FiniteResults.finite(value, metric, of: "the \(name)'s error", on: source) }
        }
    }
}
