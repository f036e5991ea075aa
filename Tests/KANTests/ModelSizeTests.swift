import KAN
import Testing

/// `KANMemory.checkWithin` and `GridCost` refuse a model too large for the machine or for a grid update's fits,
/// naming the part to lower and the largest grid that fits.
@Suite("Model size limits")
struct ModelSizeTests {
    @Test("the memory check names the largest part, and passes a model within the share")
    func memoryParts() throws {
        let gigabyte = 1e9
        let grid = KANMemory(KANConfiguration(width: [2, 1, 1], grid: 100_000), rows: 10)
        #expect(throws: MemoryLimitError.self) { try grid.checkWithin(memory: gigabyte) }
        #expect(grid.largestPart == .leastSquares)
        let wide = KANMemory(KANConfiguration(width: [2, 1_000_000, 1], grid: 5), rows: 1)
        #expect(wide.largestPart == .parameters)
        let rows = KANMemory(KANConfiguration(width: [2, 1, 1], grid: 5), rows: 100_000_000)
        #expect(rows.largestPart == .pass)
        do {
            try rows.checkWithin(memory: gigabyte)
            Issue.record("100 million rows fit 1 GB")
        } catch {
            #expect(error.part == .pass)
            #expect(error.needed == rows.total)
            #expect(error.description.hasPrefix("this model would need about "))
            #expect(error.description.contains("(each step keeps basis values for every row), more than 50% of this machine's 1.0 GB of memory"))
        }
        try KANMemory(KANConfiguration(width: [2, 5, 1], grid: 5), rows: 1000).checkWithin(memory: gigabyte)
    }

    @Test("a grid whose fits take over a minute is refused with the largest grid within it")
    func gridCost() throws {
        let small = GridCost(KANConfiguration(width: [2, 5, 1], grid: 5))
        #expect(small.edges == 15)
        #expect(small.coefficients == 8)
        try small.check()
        #expect(small.underdeterminedNote(rows: 100) == nil)
        let large = GridCost(KANConfiguration(width: [2, 1, 1], grid: 10_000))
        do {
            try large.check()
            Issue.record("grid 10000 passed")
        } catch {
            #expect(error.edges == 3)
            #expect(error.coefficients == 10_003)
            #expect(error.largestGrid == 3416)
            #expect(error.description == "fitting 3 edges of 10003 spline coefficients each by least squares would take about 25 minutes per grid update (n^3 per edge)")
        }
        try GridCost(KANConfiguration(width: [2, 1, 1], grid: 3416)).check()
        #expect(throws: GridCostError.self) { try GridCost(KANConfiguration(width: [2, 1, 1], grid: 3500)).check() }
        #expect(GridCost(KANConfiguration(width: [2, 1, 1], grid: 100)).underdeterminedNote(rows: 50)
                == "each edge has 103 spline coefficients (grid + k) for 50 training rows, so its fit is underdetermined and may overfit")
    }
}
