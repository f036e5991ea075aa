import Datasets
import Foundation
import Optimization
import Symbolic
import Testing
import TestSupport

@Suite("Feynman table")
struct FeynmanTableTests {
    static let table = DataTests.sharedData.appendingPathComponent("feynman_dev.csv")

    @Test("the development table: 20 laws, their variables and ranges, every formula parsed")
    func developmentTable() throws {
        let equations = try FeynmanTable.load(Self.table)
        #expect(equations.count == 20)
        let first = try #require(equations.first)
        #expect(first.name == "I.6.2a" && first.output == "f" && first.variables == ["theta"] && first.ranges == [1...3])
        let relativistic = try #require(equations.first { $0.name == "I.10.7" })
        #expect(relativistic.variables == ["m_0", "v", "c"] && relativistic.ranges == [1...5, 1...2, 3...10])
        expectClose(try relativistic.truth.evaluate(at: ["m_0": 2, "v": 1.5, "c": 5]), 2 / (1 - 0.09).squareRoot())
    }

    @Test("sampling: uniform on the ranges, 25% held out, labels from the law, noise scaled to the target's RMS, seeded")
    func sampling() throws {
        let law = try #require(try FeynmanTable.load(Self.table).first { $0.name == "I.12.1" })  // mu*Nn on [1,5]^2
        let clean = try law.dataset(points: 4000, seed: 3)
        #expect(clean.trainInputs.rows == 3000 && clean.testInputs.rows == 1000 && clean.inputNames == ["mu", "Nn"])
        #expect(clean.trainInputs.values.allSatisfy { (1...5).contains($0) })
        for row in 0..<20 { expectClose(clean.trainLabels[row, 0], clean.trainInputs[row, 0] * clean.trainInputs[row, 1]) }
        #expect(try law.dataset(points: 4000, seed: 3) == clean)
        let noisy = try law.dataset(points: 4000, noise: 0.01, seed: 3)
        let all = clean.trainLabels.values + clean.testLabels.values
        let rms = (all.reduce(0) { $0 + $1 * $1 } / Double(all.count)).squareRoot()
        let differences = zip(noisy.trainLabels.values + noisy.testLabels.values, all).map { $0 - $1 }
        let spread = (differences.reduce(0) { $0 + $1 * $1 } / Double(differences.count)).squareRoot()
        #expect(abs(spread / (0.01 * rms) - 1) < 0.05, "noise standard deviation \(spread), expected \(0.01 * rms)")
    }

    @Test("a bad row is an error naming its line: a formula that does not parse, a variable outside the list, a bad range")
    func badRows() throws {
        let header = "Filename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high\n"
        for (row, message) in [("I.1,1,f,sin(x,1,x,1,2", "line 2 (I.1): formula 'sin(x' does not parse"),
                               ("I.1,1,f,x*y,1,x,1,2", "uses 'y', which is not among its variables"),
                               ("I.1,1,f,x,1,x,2,one", "variable 1 'x' has range '2'..'one'"),
                               ("I.1,1,f,x,two,x,1,2", "'# variables' is 'two'")] {
            #expect {
                try FeynmanTable.parse(header + row + "\n", file: "t.csv")
            } throws: { error in
                "\(error)".contains(message) && "\(error)".hasPrefix("t.csv")
            }
        }
    }
}
