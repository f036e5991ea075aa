/// A KAN's width as users write it, pykan's syntax: `2,5,1` or `[2,5,1]` for sum nodes, `2,[0,1],1` or
/// `[2,[5,2],1]` where a layer has `[sum nodes, multiplication nodes]`; with the multiplication nodes' arities as
/// one number for all (`2`) or pykan's nested list, one list per layer (`[[],[2,3],[]]`).
public struct WidthSpecification: Sendable, Equatable {
    /// Nodes per layer (sum and multiplication nodes together).
    public var width: [Int]
    /// Per layer, the arity of each multiplication node; nil when there are none.
    public var multArity: [[Int]]?

    /// Sum nodes only.
    public init(width: [Int]) {
        self.width = width
        multArity = nil
    }

    /// Parses `width` and `arity` (default 2 for every multiplication node); an error names what is wrong.
    public init(parsing text: String, arity: String = "2") throws(KANError) {
        let layers = try Self.layers(text)
        width = layers.map { $0.sum + $0.mult }
        let compact = arity.filter { !$0.isWhitespace }
        let arities: [[Int]]
        if let single = Int(compact) {
            arities = layers.map { Array(repeating: single, count: $0.mult) }
        } else {
            arities = try Self.nestedArity(compact, text: arity)
            guard arities.count == layers.count, zip(arities, layers).allSatisfy({ $0.count == $1.mult }) else {
                throw .invalidHyperparameter(name: "mult_arity", value: arity,
                                             reason: "needs one list per layer with one arity per multiplication node: \(layers.map(\.mult)) nodes")
            }
        }
        if let bad = arities.joined().first(where: { !(2...16).contains($0) }) {
            throw .invalidHyperparameter(name: "mult_arity", value: arity, reason: "a multiplication node multiplies 2 to 16 subnodes, not \(bad)")
        }
        multArity = arities.allSatisfy(\.isEmpty) ? nil : arities
        guard width.count >= 2, width.allSatisfy({ $0 > 0 }) else {
            throw .invalidHyperparameter(name: "width", value: text, reason: "needs at least two layers, each with at least one node")
        }
    }

    /// The most multiplication nodes a layer may have: each gets its own arity, and a layer of this many nodes
    /// already needs far more memory than a model may use (`KANMemory`), which refuses it with its estimate.
    public static let largestMultiplicationLayer = 1 << 24

    /// `(sum, mult)` per layer.
    private static func layers(_ text: String) throws(KANError) -> [(sum: Int, mult: Int)] {
        var compact = text.filter { !$0.isWhitespace }
        if compact.hasPrefix("["), compact.hasSuffix("]"), compact.dropFirst().dropLast().first != "[" || compact.hasPrefix("[[") {
            // `[2,5,1]`: the outer brackets of pykan's list. `[2,[0,1],1]` keeps its inner ones.
            compact = String(compact.dropFirst().dropLast())
        }
        var layers: [(Int, Int)] = []
        var rest = Substring(compact)
        let bad = KANError.invalidHyperparameter(name: "width", value: text,
                                                 reason: "expected numbers like 2,5,1 or pairs of [sum nodes, multiplication nodes] like 2,[0,1],1")
        while !rest.isEmpty {
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { throw bad }
                let pair = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
                guard pair.count == 2, let sum = pair[0], let mult = pair[1], sum >= 0, mult >= 0 else { throw bad }
                guard mult <= Self.largestMultiplicationLayer, !sum.addingReportingOverflow(mult).overflow else {
                    throw .invalidHyperparameter(name: "width", value: text, reason: "a layer of \(sum) sum and \(mult) multiplication nodes is more than any model can hold (at most \(Self.largestMultiplicationLayer) multiplication nodes per layer)")
                }
                layers.append((sum, mult))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                guard let nodes = Int(rest[..<end]), nodes >= 0 else { throw bad }
                layers.append((nodes, 0))
                rest = rest[end...]
            }
            if rest.hasPrefix(",") {
                rest = rest.dropFirst()
                guard !rest.isEmpty else { throw bad }
            } else if !rest.isEmpty {
                throw bad
            }
        }
        return layers
    }

    /// `[[],[2,3],[]]`.
    private static func nestedArity(_ compact: String, text: String) throws(KANError) -> [[Int]] {
        let bad = KANError.invalidHyperparameter(name: "mult_arity", value: text, reason: "expected a number or one list per layer such as [[],[2,3],[]]")
        guard compact.hasPrefix("["), compact.hasSuffix("]") else { throw bad }
        let inner = compact.dropFirst().dropLast()
        var lists: [[Int]] = []
        var rest = Substring(inner)
        while !rest.isEmpty {
            guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]") else { throw bad }
            let body = rest[rest.index(after: rest.startIndex)..<close]
            let numbers = body.isEmpty ? [] : body.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard numbers.allSatisfy({ $0 != nil }) else { throw bad }
            lists.append(numbers.map { $0! })
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(",") { rest = rest.dropFirst() } else if !rest.isEmpty { throw bad }
        }
        return lists
    }
}
