internal import COpenBLAS

/// Leaves the cores to `WorkerPool`: OpenBLAS runs single-threaded, and its own thread server is stopped.
///
/// OpenBLAS starts one thread per further core when the library loads, and each spins (calling `sched_yield`) for
/// about 2^28 clock ticks after its last call before it sleeps: a tenth of a second here. It spun from the
/// process's start, taking one of the two cores from the pool's worker while a small fit ran: hellokan's 50 steps
/// spent 0.11 s of system time in `sched_yield` and took 0.23 s where they take 0.19 s without it. `matrixProduct`
/// splits large products over the pool itself, each band one single-threaded OpenBLAS call, so OpenBLAS's threads
/// have no work left; with one thread set, its calls do not start them again (a later `openblas_set_num_threads`
/// from other code in the process could). Stopped before the pool's first job, so no OpenBLAS call of the package
/// is running then.
enum OpenBLASThreads {
    /// Evaluated once, when the pool starts.
    static let stopped: Void = {
        openblas_set_num_threads(1)
        _ = swiftkan_openblas_stop_threads()
    }()
}
