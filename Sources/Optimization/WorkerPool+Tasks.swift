import Dispatch

extension WorkerPool {
    /// Runs `body(index)` for every index in `0..<count`, concurrently, and returns when all are done: the one way
    /// the package runs coarse tasks (discovery's trials, the symbolic fits of a network's edges), each of which may
    /// run its own fine-grained jobs on the pool.
    ///
    /// Coarse tasks do not take the pool's spinning workers: a task holds its thread for seconds, and a worker
    /// held by one could not serve the jobs of the others. They run on Dispatch's threads, one per core at most.
    public static func tasks(_ count: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let work = escapable
            DispatchQueue.concurrentPerform(iterations: count) { work($0) }
        }
    }
}
