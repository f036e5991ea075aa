// The MNIST 0-vs-1 comparison of pykan's notebook: a KAN [784,10,1] (grid 10, k 5, 20 LBFGS steps on all 12,665
// training images, output rounded to 0/1) against the notebook's Keras MLP [784,100,2] (ReLU, Adam, 10 epochs of
// batches of 32), on the same split. The same run as
//   kan compare --mnist ../shared/data/mnist01 --kan-width 784,10,1 --grid 10 --k 5 --steps 20 --mlp-width 784,100,2 --epochs 10
// Run: swift run -c release mnist [IDX_FOLDER]   (default ../shared/data/mnist01, see its README)
import Comparison
import Datasets
import Foundation
import KAN
import MLP

let folder = CommandLine.arguments.dropFirst().first ?? "../shared/data/mnist01"
let data = try DataSource.idx(folder: folder, trainLimit: nil).load()
print("train images: \(data.trainInputs.rows), test images: \(data.testInputs.rows), pixels: \(data.trainInputs.columns)")

// The pixels' range is fixed ([0, 1]); as in the notebook, the grid stays where it was initialised.
let comparison = ModelComparison(kan: KANConfiguration(width: [784, 10, 1], grid: 10, order: 5, seed: 0),
                                 kanFit: FitOptions(steps: 20, updateGrid: false), mlpWidths: [784, 100, 2],
                                 mlpTraining: MLPTrainingOptions(epochs: 10, batchSize: 32, learningRate: 1e-3))
for entry in try comparison.run(on: data).entries {
    print(String(format: "%@: %d parameters, train accuracy %.4f, test accuracy %.4f, %.1f s", entry.name, entry.parameters,
                 entry.trainAccuracy!, entry.testAccuracy!, entry.trainSeconds))
    print("  test confusion matrix (rows: true digit 0, 1):", entry.confusionMatrix!)
}
