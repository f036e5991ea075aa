import Benchmark
import Datasets
import Foundation
import KAN

/// `mnist:` the KAN part of `kan compare --mnist ../shared/data/mnist01 --kan-width 784,10,1 --grid 10 --k 5
/// --steps 20`: a `[784,10,1]` grid 10 k 5 KAN trained 20 LBFGS steps on all 12,665 training images (the grid not
/// updated, as for images), then its predictions on the training and test images. The images are read in the
/// setup, as the command reads them once for both models; they count in the peak memory, as in the command's.
/// Without the folder the task prints a note and reports nothing.
func registerMNISTTask() {
    let name = "mnist: KAN part of compare --mnist"
    guard FileManager.default.fileExists(atPath: DataFiles.mnist.path) else {
        // No metrics: the runner reports no row for it, and the setup, run only when the task is selected, says why.
        Benchmark(name, configuration: .init(metrics: [])) { _ in } setup: {
            print("note: \(name): skipped, no folder \(DataFiles.mnist.path) (see ../shared/data/README.md)")
        }
        return
    }
    Benchmark(name, configuration: .init(warmupIterations: 0, maxDuration: .seconds(10), maxIterations: 2)) { _, data in
        var kan = try KANModel(width: [784, 10, 1], grid: 10, k: 5, seed: 0)
        try kan.fit(data, options: FitOptions(steps: 20, updateGrid: false))
        blackHole(try kan(data.trainInputs))
        blackHole(try kan(data.testInputs))
    } setup: {
        try DataSource.idx(folder: DataFiles.mnist.path, trainLimit: nil).load()
    }
}
