import Datasets
import Foundation
import Optimization
import Testing

/// `DataFingerprint`: the rows (training and test), input and output columns of a data set and an FNV-1a hash of
/// every value's bits, which a saved model keeps to tell whether the data it names changed.
@Suite("Data fingerprints")
struct DataFingerprintTests {
    /// A data set of `train` and `test` rows, 3 inputs and 2 outputs, from a seed.
    static func dataset(train: Int = 7, test: Int = 4, seed: UInt64 = 1) throws -> Dataset {
        var random = SeededRandom(seed: seed)
        func matrix(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in random.uniform(-10, 10) })
        }
        return try Dataset(trainInputs: matrix(train, 3), trainLabels: matrix(train, 2), testInputs: matrix(test, 3),
                           testLabels: matrix(test, 2))
    }

    /// FNV-1a (64 bits) over the bytes of the values' IEEE bit patterns, least significant byte first, in the
    /// order training inputs, training labels, test inputs, test labels: written from the algorithm's definition.
    static func fnv1a(_ dataset: Dataset) -> String {
        var bytes: [UInt8] = []
        for matrix in [dataset.trainInputs, dataset.trainLabels, dataset.testInputs, dataset.testLabels] {
            for value in matrix.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        var hash: UInt64 = 14_695_981_039_346_656_037  // the FNV-1a 64-bit offset basis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }  // the FNV 64-bit prime
        return String(hash, radix: 16)
    }

    @Test("counts: rows of training and test together, input and output columns")
    func counts() throws {
        let fingerprint = DataFingerprint(try Self.dataset(train: 7, test: 4))
        #expect(fingerprint.rows == 11 && fingerprint.inputs == 3 && fingerprint.outputs == 2)
        #expect(fingerprint.description == "11 rows, 3 inputs, 2 outputs, hash \(fingerprint.hash)")
    }

    @Test("the hash is FNV-1a of the values' bits, as computed independently")
    func hashIsFNV1a() throws {
        for seed: UInt64 in [1, 2, 3] {
            let data = try Self.dataset(seed: seed)
            #expect(DataFingerprint(data).hash == Self.fnv1a(data), "seed \(seed)")
        }
    }

    @Test("equal data, equal fingerprints (names aside); one value changed, by one bit or moved between parts, a different one")
    func equalityAndChange() throws {
        let data = try Self.dataset()
        #expect(DataFingerprint(data) == DataFingerprint(try Self.dataset()))
        // Names are not data.
        var renamed = data
        renamed.inputNames = ["p", "q", "r"]
        #expect(DataFingerprint(renamed) == DataFingerprint(data))

        let original = DataFingerprint(data)
        for (part, path) in [("train inputs", \Dataset.trainInputs), ("train labels", \Dataset.trainLabels),
                             ("test inputs", \Dataset.testInputs), ("test labels", \Dataset.testLabels)] {
            for index in [0, data[keyPath: path].values.count - 1] {
                var changed = data
                changed[keyPath: path].values[index] += 1
                let fingerprint = DataFingerprint(changed)
                #expect(fingerprint != original, "\(part)[\(index)] changed")
                #expect(fingerprint.rows == original.rows && fingerprint.inputs == original.inputs && fingerprint.outputs == original.outputs)
                // The smallest change there is: the last bit of the value.
                var nudged = data
                nudged[keyPath: path].values[index] = data[keyPath: path].values[index].nextUp
                #expect(DataFingerprint(nudged).hash != original.hash, "\(part)[\(index)] nudged")
            }
        }
        // 0 and -0 compare equal as numbers but differ in their bits, so in the hash.
        var zero = data, negativeZero = data
        zero.trainInputs.values[0] = 0
        negativeZero.trainInputs.values[0] = -0.0
        #expect(DataFingerprint(zero) != DataFingerprint(negativeZero))
        // Two values swapped: the same multiset of values, a different hash.
        var swapped = data
        swapped.trainInputs.values.swapAt(0, 1)
        #expect(DataFingerprint(swapped).hash != original.hash)
    }

    @Test("the same values split differently between training and test: the same row count, a different hash unless the order is the same")
    func splits() throws {
        let data = try Self.dataset(train: 7, test: 4)
        // Moving the first test row to the end of the training rows changes the order of values hashed.
        let moved = try Dataset(
            trainInputs: Matrix(rows: 8, columns: 3, values: data.trainInputs.values + data.testInputs.row(0)),
            trainLabels: Matrix(rows: 8, columns: 2, values: data.trainLabels.values + data.testLabels.row(0)),
            testInputs: data.testInputs.selectingRows([1, 2, 3]), testLabels: data.testLabels.selectingRows([1, 2, 3]))
        let (a, b) = (DataFingerprint(data), DataFingerprint(moved))
        #expect(a.rows == b.rows)
        #expect(a.hash != b.hash)
    }

    @Test("Codable: a fingerprint reads back equal, under its four keys")
    func codable() throws {
        let fingerprint = DataFingerprint(try Self.dataset())
        let encoded = try JSONEncoder().encode(fingerprint)
        #expect(try JSONDecoder().decode(DataFingerprint.self, from: encoded) == fingerprint)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(Set(object.keys) == ["rows", "inputs", "outputs", "hash"])
        #expect(object["hash"] as? String == fingerprint.hash)
        #expect(object["rows"] as? Int == 11)
    }
}
