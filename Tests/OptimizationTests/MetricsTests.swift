import Optimization
import Testing
import TestSupport

@Suite("Metrics")
struct MetricsTests {
    @Test("RMSE and r2 against hand-computed values")
    func rmseAndR2() {
        let labels = [1.0, 2, 3, 4]
        expectClose(Metrics.rmse([1, 2, 3, 6], labels), 1)  // sqrt(4 / 4)
        expectClose(Metrics.rmse(Matrix(rows: 2, columns: 2, values: [2, 3, 4, 5]), Matrix(rows: 2, columns: 2, values: labels)), 1)
        expectClose(Metrics.r2(labels, labels), 1)
        expectClose(Metrics.r2([2.5, 2.5, 2.5, 2.5], labels), 0)  // the mean explains nothing
        expectClose(Metrics.r2([1, 2, 3, 6], labels), 1 - 4.0 / 5)  // SS_res 4, SS_tot 5
        #expect(Metrics.r2([1, 1], [1, 1]) == 1 && Metrics.r2([1, 2], [1, 1]) == 0)
    }
}
