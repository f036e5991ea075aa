@testable import Datasets
import Testing

/// `CSVText.reader` reads a text without spaces, tabs or non-ASCII characters without CSV.swift's trimming
/// (nothing to trim, twice as fast), and any other text with it: both give the same data.
@Suite("CSV: fields trimmed only where there is something to trim")
struct CSVTrimmingTests {
    static let plain = "a,b,y\n1,2.5,3\n-4,5e-3,\"6\"\n7,8,9\n10,11,12\n"
    static let spaced = "a , b,y\n 1,2.5 ,\t3\n-4 ,  5e-3,  \"6\" \n7,8,9\n10, 11 ,12\n"

    @Test("the spaced file has something to trim, the plain one nothing; a non-ASCII character counts as possible whitespace")
    func detection() {
        #expect(!CSVText.mayNeedTrimming(Self.plain))
        #expect(CSVText.mayNeedTrimming(Self.spaced))
        #expect(CSVText.mayNeedTrimming("a,y\n1,2\u{00A0}\n"))
        #expect(CSVText.mayNeedTrimming("a,y\n1\t,2\n"))
    }

    @Test("the same numbers, split the same way, whether the fields were trimmed or not")
    func sameData() throws {
        let options = CSVOptions(target: "y", testFraction: 0.25, seed: 3)
        let (plain, plainReport) = try CSVLoader.parse(Self.plain, file: "plain.csv", options: options)
        let (spaced, spacedReport) = try CSVLoader.parse(Self.spaced, file: "spaced.csv", options: options)
        #expect(plain.inputNames == ["a", "b"] && spaced.inputNames == ["a", "b"])
        #expect(plain.trainInputs.values == spaced.trainInputs.values && plain.testInputs.values == spaced.testInputs.values)
        #expect(plain.trainLabels.values == spaced.trainLabels.values && plain.testLabels.values == spaced.testLabels.values)
        #expect(plainReport.trainRows == spacedReport.trainRows)
        #expect((plain.trainLabels.values + plain.testLabels.values).sorted() == [3, 6, 9, 12])
    }
}
