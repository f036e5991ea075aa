import Optimization
import Testing

@Suite("LBFGS")
struct LBFGSTests {
    @Test("LBFGS with the strong-Wolfe search finds Rosenbrock's minimum from (-1.2, 1)")
    func rosenbrock() {
        var x = [-1.2, 1.0]
        var lbfgs = LBFGS(maxIterations: 100)
        _ = lbfgs.step(&x) { p in
            let (a, b) = (p[0], p[1])
            return ((1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a), [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)])
        }
        #expect(abs(x[0] - 1) < 1e-8 && abs(x[1] - 1) < 1e-8, "\(x)")
        #expect(lbfgs.evaluations < 100)
    }
}
