import Foundation
import KAN

/// Refuses a configuration no model can be built with (`KANConfiguration.validate`), then a new model that would exhaust this machine's memory (`KANMemory`) or fit its splines for too long
/// (`GridCost`), before anything is allocated, and notes a grid underdetermined by the `trainingRows`. `rows` are
/// those of one pass; `options` names, as the user sets them, what grows each part of the memory estimate.
func checkModelSize(_ configuration: KANConfiguration, rows: Int, trainingRows: Int, options: [KANMemory.Part: String]) throws {
    try configuration.validate()
    do throws(MemoryLimitError) { try KANMemory(configuration, rows: rows).checkWithin() } catch {
        let option = options[error.part]!
        throw CommandFailure("\(option): \(error); lower \(option)")
    }
    let cost = GridCost(configuration), grid = "--grid \(configuration.grid)"
    do throws(GridCostError) { try cost.check() } catch {
        throw CommandFailure("\(grid): \(error); use --grid \(error.largestGrid) or less")
    }
    if let note = cost.underdeterminedNote(rows: trainingRows) {
        FileHandle.standardError.write(Data("note: \(grid): \(note)\n".utf8))
    }
}
