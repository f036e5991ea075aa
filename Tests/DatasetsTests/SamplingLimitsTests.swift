import Datasets
import Optimization
import Symbolic
import Testing

/// What sampling a formula may be asked for: its range as written, the memory its points would take, and the
/// whole request checked in order (`FormulaSampling`).
@Suite("Sampling a formula: range, memory, checks")
struct SamplingLimitsTests {
    @Test("a range: two finite numbers, the lower first, spaces ignored")
    func range() throws {
        #expect(try SamplingRange.parse("-1,1") == -1...1)
        #expect(try SamplingRange.parse(" 1e-3 , 5") == 0.001...5)
    }

    @Test("a range that is not LOW,HIGH with LOW < HIGH, or not a list, is refused quoting the text",
          arguments: ["1,1", "2,1", "nan,1", "-inf,1", "1", "1,2,3", "a,b", "1,abc,2"])
    func badRange(text: String) {
        #expect(throws: SamplingRangeError.notRange(text)) { try SamplingRange.parse(text) }
        #expect(SamplingRangeError.notRange(text).description == "expected LOW,HIGH, finite numbers with LOW < HIGH, got '\(text)'")
    }

    @Test("a range whose width overflows a Double is refused (it drew infinities, reported as NaN in the data)")
    func tooWideRange() {
        #expect(throws: SamplingRangeError.tooWide("-1e308,1e308")) { try SamplingRange.parse("-1e308,1e308") }
        #expect(SamplingRangeError.tooWide("-1e308,1e308").description == "'-1e308,1e308' is wider than a Double can hold (HIGH - LOW overflows); narrow it")
        #expect(throws: DatasetError.invalidOption(name: "range", value: "-1e+308...1e+308", reason: "wider than a Double can hold; narrow it")) {
            try Dataset(function: { $0 }, variables: 1, ranges: [-1e308...1e308], trainCount: 2, testCount: 2)
        }
    }

    @Test("a saved formula source's points are checked for memory before anything is drawn (Int.max trapped on the sum)")
    func savedSourceMemory() {
        let source = DataSource.formula(expression: "x*y", variables: ["x", "y"], ranges: [-1...1], trainCount: .max, testCount: 10, seed: 0)
        #expect { try source.load() } throws: { error in
            guard case DatasetError.invalidOption(name: "sampling", value: "9223372036854775807 train and 10 test points", let reason) = error else { return false }
            return reason.hasPrefix("9223372036854775807 points of 3 values would need about")
        }
    }

    @Test("cross-entropy classes: the largest label of either set plus one; labels that are not class indices are refused, naming the value")
    func crossEntropyClasses() throws {
        func data(train: [Double], test: [Double]) throws -> Dataset {
            try Dataset(trainInputs: Matrix(train.map { _ in [0.0] }), trainLabels: Matrix(train.map { [$0] }),
                        testInputs: Matrix(test.map { _ in [0.0] }), testLabels: Matrix(test.map { [$0] }), outputNames: ["y"])
        }
        #expect(try data(train: [0, 1, 1], test: [2]).crossEntropyClassCount() == 3)
        for (train, test, value) in [([0.0, 1e19], [1.0], "1e+19 in column 'y' (training row 2)"), ([0, 1], [-1], "-1.0 in column 'y' (test row 1)"),
                                     ([0, 0.5], [1], "0.5 in column 'y' (training row 2)"), ([0, 1], [1e8], "100000000.0 in column 'y' (test row 1)")] {
            #expect(throws: DatasetError.invalidOption(name: "label", value: value,
                                                       reason: "cross-entropy (--loss ce) needs class indices, whole numbers from 0 to 99999")) {
                try data(train: train, test: test).crossEntropyClassCount()
            }
        }
        // Classification needs class indices in both sets: a test label of 1e19 made classCount trap converting it to Int.
        #expect(try data(train: [0, 1, 0, 1], test: [1e19]).classCount == nil)
        #expect(try data(train: [0, 1, 0, 1], test: [2]).classCount == 3)
    }

    @Test("a range with an empty item is a list error")
    func emptyItem() {
        #expect(throws: SamplingRangeError.list(.emptyItem(text: "-1,1,", position: 3, count: 3))) { try SamplingRange.parse("-1,1,") }
    }

    @Test("memory: four copies of eight-byte values, refused above half the memory, with the points and values named")
    func memory() throws {
        let sampling = SamplingMemory(rows: 2000, columns: 3)
        #expect(sampling.bytes == 192_000)
        try sampling.checkWithin(memory: 384_000)
        #expect(throws: SamplingMemoryError.self) { try sampling.checkWithin(memory: 383_999) }
        do throws(SamplingMemoryError) {
            try SamplingMemory(rows: 1_000_000_000, columns: 3).checkWithin(memory: 16e9)
            Issue.record("96 GB passed on a machine of 16 GB")
        } catch {
            #expect(error.needed == 96e9 && error.available == 16e9)
            #expect(error.description == "1000000000 points of 3 values would need about 96.0 GB, more than 50% of this machine's 16.0 GB of memory")
        }
    }

    @Test("a formula's samples: the variables it uses, or x1 ... xN for a count, with the range and points asked for")
    func formulaSampling() throws {
        #expect(try FormulaSampling(formula: "x2*y").source()
                == .formula(expression: "x2*y", variables: ["x2", "y"], ranges: [-1...1], trainCount: 1000, testCount: 1000, seed: 0))
        let sampling = FormulaSampling(formula: "x2^2", variableCount: 3, range: "0,2", trainCount: 10, testCount: 5, seed: 4)
        #expect(try sampling.source() == .formula(expression: "x2^2", variables: ["x1", "x2", "x3"], ranges: [0...2], trainCount: 10,
                                                  testCount: 5, seed: 4))
        let data = try sampling.source().load()
        #expect(data.trainInputs.rows == 10 && data.testInputs.columns == 3 && data.trainInputs.values.allSatisfy { (0...2).contains($0) })
    }

    @Test("a formula's sampling is refused for its formula, then its variables, then its range, then its memory")
    func formulaRefusals() {
        #expect { try FormulaSampling(formula: "x +", range: "2,1").source() } throws: { error in
            guard case FormulaSamplingError.formula = error else { return false }
            return true
        }
        #expect(throws: FormulaSamplingError.variables(count: 1, used: ["x", "y"])) {
            try FormulaSampling(formula: "x*y", variableCount: 1, range: "2,1").source()
        }
        #expect(throws: FormulaSamplingError.range(.notRange("2,1"))) {
            try FormulaSampling(formula: "x", range: "2,1", trainCount: Int.max / 4).source()
        }
        #expect { try FormulaSampling(formula: "x", trainCount: Int.max / 4, testCount: 1).source() } throws: { error in
            guard case FormulaSamplingError.memory(let memory) = error else { return false }
            return memory.rows == Int.max / 4 + 1 && memory.columns == 2
        }
        #expect { try FormulaSampling(formula: "x", trainCount: Int.max, testCount: 1000).source() } throws: { error in
            guard case FormulaSamplingError.memory(let memory) = error else { return false }
            return memory.rows == Int.max
        }
    }
}
