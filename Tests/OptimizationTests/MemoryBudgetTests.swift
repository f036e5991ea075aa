import Optimization
import Testing

/// `MemoryBudget`: the share of memory a run may plan to use, and amounts in words.
@Suite("Memory budget")
struct MemoryBudgetTests {
    @Test("amounts in decimal units with one decimal, whole bytes below a kilobyte")
    func describe() {
        #expect(MemoryBudget.describe(bytes: 999) == "999 bytes")
        #expect(MemoryBudget.describe(bytes: 512e6) == "512.0 MB")
        #expect(MemoryBudget.describe(bytes: 80e9) == "80.0 GB")
        #expect(MemoryBudget.describe(bytes: 3e18) == "3000.0 PB")
    }

    @Test("the limit names the share and the machine's memory; the machine has some")
    func limit() {
        #expect(MemoryBudget.allowedShare == 0.5)
        #expect(MemoryBudget.limit(of: 16e9) == "more than 50% of this machine's 16.0 GB of memory")
        #expect(MemoryBudget.physicalMemory > 0)
    }
}
