@testable import Fitting
import Testing

@Suite("Levenberg-Marquardt")
struct LevenbergMarquardtTests {
    /// Rosenbrock's valley as least squares: r = (10 (y - x^2), 1 - x), minimum 0 at (1, 1), from (-1.2, 1).
    static func rosenbrock(_ solver: LevenbergMarquardt) throws -> LevenbergMarquardt.Result {
        try solver.minimize(start: [-1.2, 1], residualCount: 2, residuals: { p, r in
            r[0] = 10 * (p[1] - p[0] * p[0])
            r[1] = 1 - p[0]
        }, jacobian: { p, j in
            j[0] = -20 * p[0]; j[1] = 10
            j[2] = -1; j[3] = 0
        })
    }

    @Test("plain and geodesically accelerated steps both reach the bottom of Rosenbrock's curved valley")
    func curvedValley() throws {
        var accelerated = LevenbergMarquardt()
        accelerated.geodesicAcceleration = true
        let plain = try Self.rosenbrock(LevenbergMarquardt()), fast = try Self.rosenbrock(accelerated)
        for result in [plain, fast] {
            #expect(result.status == 0, "\(result.statusMessage)")
            #expect(abs(result.parameters[0] - 1) < 1e-8 && abs(result.parameters[1] - 1) < 1e-8, "\(result.parameters)")
        }
        // The acceleration follows the valley's bend: fewer steps (12 against 17).
        #expect(fast.iterations < plain.iterations, "\(fast.iterations) accelerated, \(plain.iterations) plain")
    }
}
