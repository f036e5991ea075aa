import Dispatch
import Foundation
import Synchronization

/// Runs the chunks of one job on the calling thread and on persistent workers that spin for a moment between
/// jobs before they sleep.
///
/// A fit evaluates its objective a thousand times a second and each evaluation has a few parallel regions (two for a small network: one forward, one backward pass); waking a
/// sleeping thread for each (as `DispatchQueue.concurrentPerform` does) costs as much as the region's work on a
/// small network. Chunks are claimed by index, so which thread runs a chunk never changes what it computes. One
/// job at a time: a caller that finds the pool busy (tests run concurrently) runs its chunks through Dispatch.
/// When other processes take the cores, a worker that claimed a chunk can lose its core for milliseconds; the
/// caller notices the long wait and runs the next few thousand jobs on its own thread before trying again.
public final class WorkerPool: @unchecked Sendable {
    /// The pool of the process: one worker fewer than the active cores, at most three. OpenBLAS's own threads are
    /// stopped before it starts (`OpenBLASThreads`).
    public static let shared: WorkerPool = {
        OpenBLASThreads.stopped
        return WorkerPool(workers: min(3, ProcessInfo.processInfo.activeProcessorCount - 1))
    }()

    /// How long an idle worker keeps spinning before it sleeps.
    private static let spinDuration = Duration.microseconds(200)
    /// A wait for a worker's chunk longer than this (and than twice the caller's own share of the job) means
    /// the worker lost its core.
    private static let stallLimit = Duration.microseconds(500)
    /// How many jobs then run on the caller's thread alone before the workers are tried again.
    private static let serialJobsAfterStall = 4_000

    /// `generation << 16 | chunk count << 8 | next chunk`: a job's chunks are claimed by compare-and-swap, so a
    /// worker that claims one knows the job is still the current one.
    private let state = Atomic<UInt64>(0)
    /// Chunks of the current job that are done.
    private let finished = Atomic<Int>(0)
    /// Whether a caller is running a job.
    private let busy = Atomic<Bool>(false)
    /// Jobs left to run on the caller's thread alone after a stall; read and written only while holding `busy`.
    public private(set) var serialJobs = 0
    /// The current job; written only while no chunk of the previous one is claimed and unfinished.
    private var job: ((Int) -> Void)?
    private let sleep = NSCondition()
    private var sleepers = 0
    public let workerCount: Int

    public init(workers: Int) {
        workerCount = max(0, workers)
        for index in 0..<workerCount {
            // A worker holds its pool: a pool, like its threads, lives as long as the process.
            let thread = Thread { self.workerLoop() }
            thread.name = "KAN worker \(index + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `body(chunk)` for every chunk in `0..<count` (`count <= 255`) and returns when all are done.
    public func run(chunks count: Int, _ body: (Int) -> Void) {
        precondition(count <= 255, "at most 255 chunks")
        guard workerCount > 0, count > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            Self.tasks(count, body)
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        if serialJobs > 0 {
            serialJobs -= 1
            for chunk in 0..<count { body(chunk) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            finished.store(0, ordering: .relaxed)
            let generation = (state.load(ordering: .relaxed) >> 16) &+ 1
            state.store(generation << 16 | UInt64(count) << 8, ordering: .releasing)
            sleep.lock()
            if sleepers > 0 { sleep.broadcast() }
            sleep.unlock()
            let clock = ContinuousClock(), workStart = clock.now
            var ownChunks = 0
            while claimAndRun() { ownChunks += 1 }
            if finished.load(ordering: .acquiring) < count {
                // A worker still runs a chunk. Waiting much longer than this thread's share took means the worker lost
                // its core (other processes want it): then the next jobs run on this thread alone, and the pool
                // tries the workers again after them.
                let waitStart = clock.now
                let limit = ownChunks > 0 ? max(Self.stallLimit, workStart.duration(to: waitStart) * 2) : nil
                var spins = 0
                while finished.load(ordering: .acquiring) < count {
                    spins += 1
                    guard spins & 255 == 0 else { continue }
                    guard let limit else { sched_yield(); continue }  // the workers took every chunk: no share to compare
                    if waitStart.duration(to: clock.now) > limit {
                        serialJobs = Self.serialJobsAfterStall
                        while finished.load(ordering: .acquiring) < count { sched_yield() }
                    }
                }
            }
            job = nil
        }
    }

    /// Claims the next chunk of the current job and runs it; false when none is left.
    private func claimAndRun() -> Bool {
        while true {
            let current = state.load(ordering: .acquiring)
            let count = (current >> 8) & 0xFF, next = current & 0xFF
            guard next < count else { return false }
            if state.compareExchange(expected: current, desired: current + 1, ordering: .acquiringAndReleasing).exchanged {
                job!(Int(next))
                finished.add(1, ordering: .releasing)
                return true
            }
        }
    }

    private func hasWork() -> Bool {
        let current = state.load(ordering: .acquiring)
        return current & 0xFF < (current >> 8) & 0xFF
    }

    private func workerLoop() {
        let clock = ContinuousClock()
        while true {
            if claimAndRun() { continue }
            let deadline = clock.now.advanced(by: Self.spinDuration)
            var spins = 0
            while !hasWork() {
                spins += 1
                if spins & 63 == 0 { sched_yield() }  // let other threads have the core while waiting
                if spins & 1023 == 0, clock.now > deadline {
                    sleep.lock()
                    sleepers += 1
                    while !hasWork() { sleep.wait() }
                    sleepers -= 1
                    sleep.unlock()
                }
                spinPause()
            }
        }
    }

    @inline(__always)
    private func spinPause() {
        _ = state.load(ordering: .relaxed)
    }
}
