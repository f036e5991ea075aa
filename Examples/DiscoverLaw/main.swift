// Discovery as a library: read a CSV file, search for the law behind one of its columns, print the report.
// Run: swift run -c release discover-law [FILE.csv TARGET [SECONDS]]
// Without arguments it reads coulomb.csv beside this file (Coulomb's law, F = q1 q2 / (4 pi epsilon r^2); see
// README.md here for where the rows come from).
import Datasets
import Distill
import Foundation
import Symbolic

let arguments = Array(CommandLine.arguments.dropFirst())
let file = arguments.first ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("coulomb.csv").path
let target = arguments.count > 1 ? arguments[1] : "F"
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 30 : 30

do {
    // The rows, split into training and test rows; the formula's variables are the other columns.
    let (dataset, _) = try CSVLoader.load(URL(fileURLWithPath: file), options: CSVOptions(target: target))
    let options = DiscoveryOptions(timeLimit: seconds, library: try DiscoveryOptions.defaultLibrary())
    let result = try Discoverer.discover(dataset, options: options)
    guard let report = DiscoveryReport(result, data: dataset) else {
        print("no formula found in \(String(format: "%.0f", result.seconds)) s")
        exit(1)
    }
    // The report as `kan discover` prints it: the formula, its errors, the Pareto front, the trials.
    print(report.text, terminator: "")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
