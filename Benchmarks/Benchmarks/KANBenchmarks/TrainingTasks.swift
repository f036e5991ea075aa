import Benchmark

/// `train:` the hellokan fit, `kan train`'s work without the process around it.
func registerTrainingTasks() {
    Benchmark("train: hellokan [2,5,1] G5, 50 LBFGS steps, lamb 0.001",
              configuration: .init(maxDuration: .seconds(3))) { _, data in
        blackHole(try Hellokan.trained(on: data))
    } setup: {
        try Hellokan.data()
    }
}
