/// What a saved model remembers of its data, to tell on load whether the data it names are still the same: the
/// number of rows (training and test), of input and output columns, and an FNV-1a hash of every value's bits.
public struct DataFingerprint: Codable, Sendable, Equatable, CustomStringConvertible {
    public var rows: Int
    public var inputs: Int
    public var outputs: Int
    public var hash: String

    public init(_ dataset: Dataset) {
        rows = dataset.trainInputs.rows + dataset.testInputs.rows
        inputs = dataset.trainInputs.columns
        outputs = dataset.trainLabels.columns
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for matrix in [dataset.trainInputs, dataset.trainLabels, dataset.testInputs, dataset.testLabels] {
            for value in matrix.values {
                var bits = value.bitPattern
                for _ in 0..<8 {
                    state = (state ^ (bits & 0xff)) &* 0x0100_0000_01b3
                    bits >>= 8
                }
            }
        }
        hash = String(state, radix: 16)
    }

    public var description: String { "\(rows) rows, \(inputs) inputs, \(outputs) outputs, hash \(hash)" }
}
