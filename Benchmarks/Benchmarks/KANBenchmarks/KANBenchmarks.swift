// Named benchmark tasks, one per row of the README's tables and of issue 12's, compared there with pykan 0.2.8's
// and efficient-kan's figures on the same machine (../shared/reference/). Every task runs in a process of its own;
// its data and models are made in its setup, so a task's peak memory is that of its own work.
import Benchmark

/// The task groups; the benchmark plugin's generated `main` registers them.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(2), maxIterations: 100)
    registerTrainingTasks()
    registerPassTasks()
    registerFitTasks()
    registerSuggestTasks()
    registerDemoTask()
    registerMNISTTask()
}
