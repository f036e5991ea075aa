@testable import Optimization
import Glibc
import Testing

/// `FreedMemory`: memory freed by one pass is kept for the next instead of going back to the system.
@Suite("freed memory")
struct FreedMemoryTests {
    @Test("a freed block of 8 MiB is taken again without page faults")
    func kept() {
        #expect(FreedMemory.kept)
        let bytes = 8 << 20, pages = bytes / 4096
        // The first use faults its pages in; glibc's defaults would map this block and unmap it when freed, so the
        // second would fault them in again.
        for use in 0..<2 {
            let before = Self.pageFaults()
            let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: bytes)
            block.deallocate()
            let faults = Self.pageFaults() - before
            if use == 1 { #expect(faults < pages / 10, "\(faults) page faults for \(pages) pages") }
        }
    }

    /// This thread's minor page faults so far (other tests run on other threads).
    static func pageFaults() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD, which Swift's Glibc module does not export
        return usage.ru_minflt
    }
}
