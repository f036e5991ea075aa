import Foundation
import Testing
import TestSupport

/// `kan bench feynman` refuses bad tables, selections, options and output files before any search, with a message
/// naming the file, line, equation or option (exit status 1, nothing on standard output, no file written); a
/// result file that fails mid-run is an error; a good run prints only finite rates.
@Suite("kan bench feynman")
struct BenchCommandTests {
    static var kan: URL { productsDirectory.appendingPathComponent("kan") }
    static let header = "Filename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high\n"
    static let good = "T.1,1,f,x*y,2,x,1,5,y,1,5\n"

    /// A scratch folder holding `t.csv` (`header` + `rows`) and an empty `tmp` folder for TMPDIR.
    static func folder(rows: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftkan-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        try Data((header + rows).utf8).write(to: folder.appendingPathComponent("t.csv"))
        return folder
    }

    /// Runs `kan bench feynman --equations t.csv` with short searches, then `arguments`.
    static func bench(_ arguments: [String], in folder: URL) throws -> ProcessOutput {
        try runProcess(kan, ["bench", "feynman", "--equations", "t.csv", "--time-limit", "1", "--points", "200"] + arguments,
                       in: folder, environment: ["TMPDIR": folder.appendingPathComponent("tmp").path])
    }

    /// Expects a refusal: status 1, nothing printed but the message, the folder as it was and TMPDIR empty.
    static func expectRefused(_ arguments: [String], rows: String, message: String, prepare: (URL) throws -> Void = { _ in }) throws {
        let folder = try Self.folder(rows: rows)
        defer { try? FileManager.default.removeItem(at: folder) }
        try prepare(folder)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let result = try bench(arguments, in: folder)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        // `error: ` from the command, `Error: ` from the argument parser.
        #expect(result.standardError.lowercased().hasPrefix("error: ") || result.standardError.contains("\nerror: "), "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("tmp").path).isEmpty)
    }

    /// Bad tables: the rows under `header` and the message (repeated names crashed with `Fatal error: Duplicate
    /// values for key`). The table's own errors are tested in full in `FeynmanTableTests`.
    static let tables: [(String, String)] = [
        ("T.1,1,f,x*x,2,x,1,2,x,1,2\n", "error: t.csv: line 2 (T.1): variable 'x' is listed twice (v1_name and v2_name); name each variable once"),
        (good + "T.2,2,f,a*b,2,b,1,2,b,1,2\n", "t.csv: line 3 (T.2): variable 'b' is listed twice"),
        ("T.1,1,f,x*(y,2,x,1,2,y,1,2\n", "t.csv: line 2 (T.1): formula 'x*(y' does not parse"),
        ("T.1,1,f,x*y*z,2,x,1,2,y,1,2\n", "t.csv: line 2 (T.1): formula uses 'z', which is not among its variables (x, y)"),
        ("T.1,1,f,x*y,2,x,5,1,y,1,2\n", "t.csv: line 2 (T.1): the range of 'x' is 5..1; expected v1_low < v1_high"),
        ("T.1,1,f,x*y,2,x,1,inf,y,1,2\n", "the range of 'x' is 1..inf; expected finite bounds"),
        ("T.1,1,f,x*y,2,x,nan,2,y,1,2\n", "the range of 'x' is nan..2; expected finite bounds"),
        ("", "error: t.csv: no equations: the table has a header but no rows"),
        ("T.1,1,f,x*y,2,x,1,2,y,1\n", "t.csv: line 2 (T.1): 10 fields, the header has 11"),
        (good + "T.2,2,f,x,1,x,1,2\n", "t.csv: line 3 (T.2): 8 fields, the header has 11"),
        ("T.1,1,f,x*y,2,x,1,2,y,,2\n", "t.csv: line 2 (T.1): variable 2 is incomplete: v2_low is empty, but v2_name 'y' and v2_high '2' are given"),
        ("T.1,1,,x*y,2,x,1,2,y,1,2\n", "t.csv: line 2 (T.1): the 'Output' field is empty"),
        (good + good, "t.csv: line 3 (T.1): the name 'T.1' is also on line 2"),
        // Data sampled before any search: undefined, overflowing, too large to square.
        (good + "T.2,2,f,log(x),1,x,-2,-1,,,\n", "error: t.csv: line 3 (T.2): formula 'log(x)' has no value at x = -1"),
        ("T.1,1,f,exp(x),1,x,800,900,,,\n", "t.csv: line 2 (T.1): formula 'exp(x)' has no value at x = 8"),
        ("T.1,1,f,x*y,2,x,1e200,2e200,y,1,2\n", "t.csv: line 2 (T.1): formula 'x*y' reaches"),
    ]

    @Test("a bad table is an error naming the file, line, equation and problem, before any search", arguments: tables)
    func badTable(rows: String, message: String) throws {
        try Self.expectRefused(["--output", "out.jsonl"], rows: rows, message: message)
    }

    /// Bad selections and options: the arguments and the message (`--only NOPE` and a shard past the equations
    /// printed `recovered: 0/0` and exited 0; `--noise 1e300` printed nan).
    static let options: [([String], String)] = [
        (["--only", "NOPE"], "error: --only: t.csv has no equation named 'NOPE'; its equations are T.1, T.2"),
        (["--only", "T.2,NOPE,ALSO"], "--only: t.csv has no equation named 'NOPE', 'ALSO'; its equations are T.1, T.2"),
        (["--only", "T.1,,T.2"], "--only 'T.1,,T.2': item 2 of 3 is empty"),
        (["--only", "T.1,T.1"], "--only 'T.1,T.1': 'T.1' is given twice"),
        (["--shard", "2/3"], "error: --shard 2/3 selects none of the table's 2 equations (shard I of N runs every N-th from the I-th): use N <= 2"),
        (["--only", "T.2", "--shard", "1/2"], "error: --shard 1/2 selects none of the 1 equation chosen by --only (shard I of N runs every N-th from the I-th): use N <= 1"),
        (["--shard", "2/2"], "--shard: expected I/N with 0 <= I < N, got '2/2'"),
        (["--shard", "1/"], "--shard: expected I/N with 0 <= I < N, got '1/'"),
        (["--shard", "0/0"], "--shard: expected I/N"),
        (["--shard", "-1/2"], "--shard: expected I/N with 0 <= I < N, got '-1/2'"),
        (["--noise", "1e300"], "The value '1e300' is invalid for '--noise <noise>': expected a finite number >= 0 and <= 1, the noise's standard deviation as a multiple of the target's root mean square (SRBench uses 0 to 0.1)"),
        (["--noise", "1.5"], "'--noise <noise>': expected a finite number >= 0 and <= 1"),
        (["--noise", "-0.1"], "'--noise <noise>': expected a finite number >= 0 and <= 1"),
        (["--noise", "inf"], "'--noise <noise>': expected a finite number >= 0 and <= 1"),
        (["--points", "9223372036854775807"], "--points 9223372036854775807: the data of an equation with 2 variables would need about"),
        (["--without", "nope"], "--without: 'nope' is not one of power-law"),
        (["--equations", "missing.csv"], "missing.csv"),
        // Outputs onto inputs, and units.
        (["--output", "t.csv"], "--output t.csv is the file --equations reads"),
        (["--output", "units.csv", "--units", "units.csv"], "--output units.csv is the file --units reads"),
        (["--units", "units.csv", "--only", "T.2"], "t.csv: line 3 (T.2): units.csv: no units for 'f': add a row"),
        (["--units", "missing-units.csv"], "missing-units.csv"),
        // --plot: checked before the first search.
        (["--plot", "out.txt"], "error: --plot out.txt: unsupported plot format (use .svg, .png or .pdf)"),
        (["--plot", "link.svg"], "--plot link.svg is the file --equations reads"),
        (["--output", "same.svg", "--plot", "same.svg"], "--output and --plot name the same file"),
    ]

    @Test("an unknown name in --only, an empty shard or noise that would overflow the targets is an error", arguments: options)
    func badOption(arguments: [String], message: String) throws {
        try Self.expectRefused(arguments, rows: Self.good + "T.2,2,f,x+y,2,x,1,5,y,1,5\n", message: message) { folder in
            try Data("Variable,Units,m,s,kg,T,V\nx,Length,1,0,0,0,0\ny,Length,1,0,0,0,0\n".utf8).write(to: folder.appendingPathComponent("units.csv"))
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.svg").path, withDestinationPath: "t.csv")
        }
    }

    /// Output paths that cannot be appended to, each with what makes it so and the message.
    static let outputs: [(String, String, String)] = [
        ("folder", "mkdir", "error: --output folder: it is a directory, not a file; give the path of a file to append results to"),
        ("read-only.jsonl", "read-only", "error: --output read-only.jsonl: the file is read-only (chmod u+w to allow appending to it)"),
        ("nowhere/out.jsonl", "", "error: --output nowhere/out.jsonl: its folder nowhere does not exist"),
        ("t.csv/out.jsonl", "", "error: --output t.csv/out.jsonl: cannot inspect it: Not a directory"),
        ("/dev/null", "", "error: --output /dev/null: it is a character device, not a file"),
        ("fifo", "fifo", "error: --output fifo: it is a FIFO (named pipe), not a file"),
        ("dangling.jsonl", "link", "error: --output dangling.jsonl: it is a symbolic link to a file that does not exist"),
    ]

    @Test("an --output that cannot be appended to is refused before any equation runs", arguments: outputs)
    func badOutput(path: String, setup: String, message: String) throws {
        try Self.expectRefused(["--output", path], rows: Self.good, message: message) { folder in
            let target = folder.appendingPathComponent(path).path
            switch setup {
            case "mkdir": try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
            case "read-only":
                try Data("{}\n".utf8).write(to: URL(fileURLWithPath: target))
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: target)
            case "fifo": #expect(mkfifo(target, 0o644) == 0)
            case "link": try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: "gone/none.jsonl")
            default: break
            }
        }
    }

    @Test("a result that cannot be appended (the file size limit reached) is an error naming the file; the file keeps what it had")
    func failedAppend() throws {
        let folder = try Self.folder(rows: Self.good)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 2,000 bytes already there; `ulimit -f 1` lets no process write past 1,024, and with SIGXFSZ ignored the
        // write fails with EFBIG instead of killing the process.
        let existing = Data((String(repeating: "{\"earlier\":true}\n", count: 118)).utf8)
        let output = folder.appendingPathComponent("out.jsonl")
        try existing.write(to: output)
        let bash = try #require(executableOnPath("bash"))
        let command = "trap '' XFSZ; ulimit -f 1; exec \"$0\" bench feynman --equations t.csv --time-limit 1 --points 200 --output out.jsonl"
        let result = try runProcess(bash, ["-c", command, Self.kan.path], in: folder,
                                    environment: ["TMPDIR": folder.appendingPathComponent("tmp").path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: --output out.jsonl: cannot append a result: File too large (0 lines of this run written before)"),
                "\(result.standardError)")
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        #expect(try Data(contentsOf: output) == existing)
    }

    @Test("a good table: one JSON line per equation appended to what the file held, finite rate and median, a note for a '# variables' that differs")
    func goodRun() throws {
        let folder = try Self.folder(rows: Self.good + "T.2,2,f,x+y,1,x,1,5,y,1,5\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.jsonl")
        try Data("{\"earlier\":true}\n".utf8).write(to: output)
        let result = try Self.bench(["--output", "out.jsonl"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("note: t.csv: line 3 (T.2): '# variables' is 1, but 2 variables are listed (x, y); the listed ones are used"),
                "\(result.standardError)")
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[0] == "{\"earlier\":true}")
        for (line, name) in zip(lines.dropFirst(), ["T.1", "T.2"]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["equation"] as? String == name)
            #expect(object["recovered"] is Bool)
        }
        let printed = result.standardOutput
        #expect(printed.contains("recovered: ") && printed.contains("/2 (") && printed.contains("median_seconds: ") && printed.contains("max_seconds: "), "\(printed)")
        #expect(!printed.lowercased().contains("nan") && !printed.contains("inf"), "\(printed)")
    }

    @Test("--plot: a bar per number of variables, each part as tall as the JSON lines' count of recovered and missed equations")
    func plot() throws {
        let folder = try Self.folder(rows: Self.good + "T.2,2,f,x**2/2,1,x,1,5,,,\nT.3,3,f,x+y,2,x,1,5,y,1,5\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.bench(["--output", "out.jsonl", "--plot", "chart.svg"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try String(contentsOf: folder.appendingPathComponent("out.jsonl"), encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(records.compactMap { $0["variables"] as? Int } == [2, 1, 2])
        let document = try SVGDocument(contentsOf: folder.appendingPathComponent("chart.svg"))
        #expect(document.root == "svg")
        // RecoveryPlotter's colours; the legend's swatches sit above the panel (y < 60).
        func parts(_ color: [Double]) -> [Double] { document.filled(color).map(\.bounds).filter { $0.y >= 60 }.sorted { $0.x < $1.x }.map(\.height) }
        let expected = [1, 2].map { size in
            let group = records.filter { $0["variables"] as? Int == size }
            return (group.filter { $0["recovered"] as? Bool == true }.count, group.filter { $0["recovered"] as? Bool == false }.count)
        }
        let heights = parts([0.2, 0.6, 0.3]) + parts([0.8, 0.8, 0.8])
        let counts = expected.map(\.0).filter { $0 > 0 } + expected.map(\.1).filter { $0 > 0 }
        try #require(heights.count == counts.count, "\(heights) for \(expected)")
        let unit = heights[0] / Double(counts[0])
        for (height, count) in zip(heights, counts) { expectClose(height, unit * Double(count), tolerance: 0.01) }
    }
}
