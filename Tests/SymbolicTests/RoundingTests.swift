import Symbolic
import Testing

@Suite("Rounding")
struct RoundingTests {
    @Test("significant digits", arguments: [
        ("3.14159265*x + 0.000123456", 3, "3.14*x + 0.000123"),
        ("2.0000001*exp(1.49999*x)", 4, "2*exp(1.5*x)"),
        ("123456.7*x", 2, "120000*x"),
        ("x^1.50001", 3, "x**1.5"),
    ])
    func significant(text: String, digits: Int, printed: String) throws {
        #expect(try Expr(parsing: text).rounded(significantDigits: digits).description == printed)
    }

    @Test("decimals, as pykan's ex_round: tiny terms vanish, no 0.e-2 artefacts", arguments: [
        ("0.004*x + 1.23456", 2, "1.23"),
        ("0.015*x - 0.001", 2, "0.01*x"),
        ("0.5*sin(2.71828*x)", 3, "0.5*sin(2.718*x)"),
    ])
    func decimals(text: String, decimals: Int, printed: String) throws {
        #expect(try Expr(parsing: text).rounded(RoundingSettings(decimals: decimals)).description == printed)
    }

    @Test("snapping to integers, fractions and multiples of pi")
    func snapping() throws {
        let settings = RoundingSettings(significantDigits: 4, snapToIntegers: true, maxDenominator: 4,
                                        snapToPi: true, snapTolerance: 1e-4)
        #expect(try Expr(parsing: "1.99999*x + 0.333331*y").rounded(settings).description == "2*x + 0.3333333333333333*y")
        #expect(try Expr(parsing: "sin(3.1415912*x)").rounded(settings).description == "sin(pi*x)")
        #expect(try Expr(parsing: "sin(1.5707961*x)").rounded(settings).description == "sin(0.5*pi*x)")
        #expect(try Expr(parsing: "x^0.50001").rounded(settings).description == "sqrt(x)")
        #expect(try Expr(parsing: "2.5*x").rounded(settings).description == "2.5*x")
    }

    @Test("snapping leaves numbers alone when nothing simple is close")
    func noSnap() throws {
        let settings = RoundingSettings(significantDigits: 3, snapToIntegers: true, maxDenominator: 6, snapToPi: true)
        #expect(try Expr(parsing: "1.2345*x").rounded(settings).description == "1.23*x")
    }

    @Test("dropping negligible terms")
    func dropping() throws {
        let settings = RoundingSettings(significantDigits: 4, dropBelow: 1e-6)
        #expect(try Expr(parsing: "x + 3e-9*y - 2e-8").rounded(settings).description == "x")
    }
}
