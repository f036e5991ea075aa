import Benchmark
import Datasets
import Distill
import KAN
import Optimization
import Symbolic

/// A trained model whose spline edges are to be fitted, the samples that give each edge its curve, and the library.
struct SuggestWorkload {
    let model: KANModel
    let samples: Matrix
    let library: FunctionLibrary

    /// pykan's `auto_symbolic` on a copy of the model: every spline edge fitted against every library function,
    /// as `kan distill --steps 0` does before composing the formula. Copying happens outside the measured region.
    func run(_ benchmark: Benchmark) throws {
        var model = model
        benchmark.startMeasurement()
        blackHole(try model.autoSymbolic(library: library, samples: samples))
    }
}

/// `suggest:` choosing a library function for every edge, the models prepared in the tasks' setup.
func registerSuggestTasks() {
    Benchmark("suggest: hellokan edges, 11 functions, 1000 samples",
              configuration: .init(maxDuration: .seconds(3), maxIterations: 20)) { benchmark, workload in
        try workload.run(benchmark)
    } setup: {
        // The model of `kan demo` and of the README's train, prune, train, refine, train commands.
        let data = try Hellokan.data()
        return SuggestWorkload(model: try Hellokan.refined(on: data), samples: data.trainInputs,
                               library: try FunctionLibrary.standard().subset(Hellokan.distillLibrary))
    }

    Benchmark("suggest: heart [13,1] G3 k3, 13 edges",
              configuration: .init(maxDuration: .seconds(3), maxIterations: 20)) { benchmark, workload in
        try workload.run(benchmark)
    } setup: {
        // As the heart-disease example and `kan train --data heart.csv --target target --width 13,1 --grid 3
        // --k 3 --steps 40`: the 297 complete rows, seeded 80/20 split.
        let (data, _) = try CSVLoader.load(DataFiles.heart, options: CSVOptions(target: "target", seed: 0))
        var model = try KANModel(width: [13, 1], grid: 3, k: 3, seed: 0)
        try model.fit(data, options: FitOptions(steps: 40))
        return SuggestWorkload(model: model, samples: data.trainInputs,
                               library: try FunctionLibrary.standard().subset(Hellokan.distillLibrary))
    }
}
