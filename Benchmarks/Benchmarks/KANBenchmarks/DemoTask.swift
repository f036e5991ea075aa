import Benchmark
import Distill
import KAN
import Symbolic

/// `demo:` the whole `kan demo` pipeline in process: sample the data, train, prune, retrain, refine, retrain,
/// `auto_symbolic`, retrain the constants, compose and round the formula (the command's printing and process
/// start-up aside). The same library calls as `Sources/KANCommand/Demo.swift`.
func registerDemoTask() {
    Benchmark("demo: the whole kan demo pipeline",
              configuration: .init(warmupIterations: 0, maxDuration: .seconds(5), maxIterations: 3)) { _, library in
        let data = try Hellokan.data()
        var model = try Hellokan.refined(on: data)
        blackHole(try Distiller.distill(&model, data: data, options: DistillOptions(library: library)))
    } setup: {
        try FunctionLibrary.standard().subset(Hellokan.demoLibrary)
    }
}
