import COpenBLAS
import Foundation
import Optimization
import Synchronization
import Testing

@Suite("Worker pool")
struct WorkerPoolTests {
    /// Runs `jobs` jobs of `chunks` chunks and returns how often each (job, chunk) ran.
    private static func runJobs(_ jobs: Int, chunks: Int) -> [Int] {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: jobs * chunks)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        nonisolated(unsafe) let slots = counts.baseAddress!
        for job in 0..<jobs {
            WorkerPool.shared.run(chunks: chunks) { chunk in slots[job * chunks + chunk] += 1 }
        }
        return Array(counts)
    }

    @Test("once the pool runs, OpenBLAS runs single-threaded and its thread server, spinning since the library loaded, is stopped")
    func openBLASThreadsStopped() {
        WorkerPool.shared.run(chunks: 2) { _ in }
        #expect(openblas_get_num_threads() == 1)
        #expect(swiftkan_openblas_server_running() == 0)
        // A product after the stop is computed on the calling thread (OpenBLAS does not start its server again).
        let a = [Double](repeating: 1, count: 300 * 300)
        var c = [Double](repeating: 0, count: 300 * 300)
        matrixProduct(.no, .no, 300, 300, 300, 1, a, 300, a, 300, 0, &c, 300)
        #expect(c.allSatisfy { $0 == 300 })
        #expect(swiftkan_openblas_server_running() == 0)
    }

    @Test("every chunk of every job runs exactly once, also with callers on several threads")
    func everyChunkOnce() {
        #expect(Self.runJobs(20_000, chunks: 4).allSatisfy { $0 == 1 })
        // The workers take part: some chunks run off the calling thread (a pool of its own, which no other test
        // holds or sends into serial mode).
        let pool = WorkerPool(workers: 1)
        let caller = Thread.current, elsewhere = Atomic<Int>(0)
        for _ in 0..<2_000 {
            pool.run(chunks: 4) { _ in
                var total = 0.0
                for value in 0..<2_000 { total += Double(value).squareRoot() }
                if Thread.current != caller, total > 0 { elsewhere.add(1, ordering: .relaxed) }
            }
        }
        #expect(ProcessInfo.processInfo.activeProcessorCount < 2 || elsewhere.load(ordering: .relaxed) > 0)
        // Four callers at once (coarse tasks, as discovery's trials call the pool): one holds the pool, the others fall
        // back to Dispatch; no chunk is lost or doubled.
        let results = Mutex<[[Int]]>([])
        WorkerPool.tasks(4) { caller in
            let counts = Self.runJobs(5_000, chunks: 3 + caller)
            results.withLock { $0.append(counts) }
        }
        #expect(results.withLock { $0.count } == 4)
        #expect(results.withLock { $0.allSatisfy { $0.allSatisfy { $0 == 1 } } })
    }

    @Test("a chunk's writes are visible to the caller when run returns")
    func writesVisible() {
        var sums = [Double](repeating: 0, count: 4)
        for round in 1...2_000 {
            sums.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let base = buffer.baseAddress!
                WorkerPool.shared.run(chunks: 4) { chunk in
                    var total = 0.0
                    for value in 0..<(100 * (chunk + 1)) { total += Double(value) }
                    base[chunk] = total + Double(round)
                }
            }
            for chunk in 0..<4 {
                let n = Double(100 * (chunk + 1))
                #expect(sums[chunk] == n * (n - 1) / 2 + Double(round))
            }
        }
    }

    @Test("after a worker stalls (as when its core is taken), the next jobs run on the caller's thread alone")
    func stallFallsBackToCaller() {
        let pool = WorkerPool(workers: 1)  // its own pool: no other test's jobs in between
        let caller = Thread.current
        for _ in 0..<500 where pool.serialJobs == 0 {
            pool.run(chunks: 4) { _ in
                if Thread.current == caller {
                    // About 50 microseconds of work, leaving the worker time to claim a chunk.
                    let clock = ContinuousClock(), start = clock.now
                    while start.duration(to: clock.now) < .microseconds(50) {}
                } else {
                    usleep(20_000)  // far longer than the caller's share: looks like a preempted worker
                }
            }
        }
        // On one core the worker seldom runs while the caller works, so a stall may not come up.
        #expect(ProcessInfo.processInfo.activeProcessorCount < 2 || pool.serialJobs > 0, "no stall seen in 500 jobs")
        guard pool.serialJobs > 0 else { return }
        let elsewhere = Atomic<Int>(0), runs = Atomic<Int>(0)
        for _ in 0..<100 {
            pool.run(chunks: 4) { _ in
                runs.add(1, ordering: .relaxed)
                if Thread.current != caller { elsewhere.add(1, ordering: .relaxed) }
            }
        }
        #expect(runs.load(ordering: .relaxed) == 400 && elsewhere.load(ordering: .relaxed) == 0)
    }
}
