import Optimization

/// The hyper-parameters of a KAN, with pykan's defaults (`MultKAN(width, grid=3, k=3, ...)`).
public struct KANConfiguration: Codable, Sendable, Equatable {
    /// Nodes per layer, inputs first: `[2, 5, 1]`.
    public var width: [Int]
    /// `G`, the number of grid intervals.
    public var grid: Int
    /// `k`, the spline order.
    public var order: Int
    public var gridRange: ClosedRange<Double>
    /// Amplitude of the initial spline noise (pykan's MultKAN passes 0.3).
    public var noiseScale: Double
    public var scaleBaseMu: Double
    public var scaleBaseSigma: Double
    public var baseFunction: BaseFunction
    /// Blend of uniform (1) and sample-quantile (0) knots in grid updates.
    public var gridEps: Double
    /// Grid updates widen the samples' range by this fraction of it on each side. pykan 0.2.8 uses none
    /// (earlier pykan versions had an absolute margin of 0.01); without one, a spline is pulled towards zero
    /// right past the last training sample, and unseen points there (a hidden node's extreme) are predicted
    /// badly, the more so the finer the grid: on hellokan at grid 20, test RMSE 2.7e-3 without a margin,
    /// 1.3e-4 with 0.02.
    public var gridMargin: Double
    /// Train `scale_sp` (pykan's `sp_trainable`).
    public var splineScaleTrainable: Bool
    /// Train `scale_base` (pykan's `sb_trainable`).
    public var baseScaleTrainable: Bool
    /// Train the node and subnode scales and biases (pykan's `affine_trainable`, off by default).
    public var affineTrainable: Bool
    public var seed: UInt64
    /// Per layer of nodes (inputs first), the arity of each multiplication node; they follow the layer's sum
    /// nodes, which `width` counts with them (pykan's `width=[2,[0,1],1]` is width `[2,1,1]` with multArity
    /// `[[], [2], []]`). Nil when every node sums.
    public var multArity: [[Int]]?

    public init(width: [Int], grid: Int = 3, order: Int = 3, gridRange: ClosedRange<Double> = -1...1,
                noiseScale: Double = 0.3, scaleBaseMu: Double = 0, scaleBaseSigma: Double = 1,
                baseFunction: BaseFunction = .silu, gridEps: Double = 0.02, gridMargin: Double = 0.02,
                splineScaleTrainable: Bool = true,
                baseScaleTrainable: Bool = true, affineTrainable: Bool = false, seed: UInt64 = 0, multArity: [[Int]]? = nil) {
        self.width = width
        self.grid = grid
        self.order = order
        self.gridRange = gridRange
        self.noiseScale = noiseScale
        self.scaleBaseMu = scaleBaseMu
        self.scaleBaseSigma = scaleBaseSigma
        self.baseFunction = baseFunction
        self.gridEps = gridEps
        self.gridMargin = gridMargin
        self.splineScaleTrainable = splineScaleTrainable
        self.baseScaleTrainable = baseScaleTrainable
        self.affineTrainable = affineTrainable
        self.seed = seed
        self.multArity = multArity?.allSatisfy(\.isEmpty) == true ? nil : multArity
    }

    /// The arities of the multiplication nodes of node layer `l` (0 = inputs).
    public func multiplicationArities(ofNodeLayer l: Int) -> [Int] { multArity?[l] ?? [] }

    /// The subnodes of node layer `l`, the outputs of the edge layer before it: one per sum node, `arity` per
    /// multiplication node.
    public func subnodeCount(ofNodeLayer l: Int) -> Int {
        let arities = multiplicationArities(ofNodeLayer: l)
        return width[l] - arities.count + arities.reduce(0, +)
    }

    /// `subnodeCount(ofNodeLayer:)` in Double, for the size estimates that must refuse a layer too large to build
    /// (`--width 2,9223372036854775807,1`) rather than overflow on it.
    public func subnodeEstimate(ofNodeLayer l: Int) -> Double {
        let arities = multiplicationArities(ofNodeLayer: l)
        return Double(width[l]) - Double(arities.count) + arities.reduce(0.0) { $0 + Double($1) }
    }

    /// Checks the values a model cannot be built with.
    public func validate() throws(KANError) {
        guard width.count >= 2 else { throw .invalidWidth(width, reason: "needs at least an input and an output layer") }
        guard width.allSatisfy({ $0 > 0 }) else { throw .invalidWidth(width, reason: "every layer needs at least one node") }
        guard grid >= 1 else { throw .invalidHyperparameter(name: "grid", value: "\(grid)", reason: "must be at least 1") }
        guard order >= 0, order <= 10 else { throw .invalidHyperparameter(name: "k", value: "\(order)", reason: "must be between 0 and 10") }
        guard gridRange.lowerBound < gridRange.upperBound, gridRange.lowerBound.isFinite, gridRange.upperBound.isFinite else {
            throw .invalidHyperparameter(name: "grid_range", value: "\(gridRange)", reason: "must be a finite, non-empty interval")
        }
        if let multArity {
            guard multArity.count == width.count else {
                throw .invalidWidth(width, reason: "multiplication arities for \(multArity.count) layers, the width has \(width.count)")
            }
            guard multArity[0].isEmpty else { throw .invalidWidth(width, reason: "the inputs cannot be multiplication nodes") }
            for (l, arities) in multArity.enumerated() {
                guard arities.count <= width[l] else {
                    throw .invalidWidth(width, reason: "layer \(l) has \(width[l]) nodes, fewer than its \(arities.count) multiplication nodes")
                }
                guard arities.allSatisfy({ (2...16).contains($0) }) else {
                    throw .invalidWidth(width, reason: "layer \(l): a multiplication node multiplies 2 to 16 subnodes, not \(arities)")
                }
            }
        }
        guard gridEps >= 0, gridEps <= 1 else {
            throw .invalidHyperparameter(name: "grid_eps", value: "\(gridEps)", reason: "must be between 0 and 1")
        }
    }
}

/// A Kolmogorov-Arnold Network: layers of learnable spline edges (see `KANLayer`), evaluated on batches.
///
/// Value type: training, refining and pruning return or mutate copies; nothing is shared.
public struct KANModel: Codable, Sendable, Equatable {
    public internal(set) var configuration: KANConfiguration
    public var layers: [KANLayer]

    /// A freshly initialised model, as pykan's `KAN(width=..., grid=..., k=..., seed=...)`.
    public init(_ configuration: KANConfiguration) throws(KANError) {
        try configuration.validate()
        self.configuration = configuration
        var random = SeededRandom(seed: configuration.seed)
        layers = (0..<configuration.width.count - 1).map { l in
            KANLayer(inputs: configuration.width[l], outputs: configuration.subnodeCount(ofNodeLayer: l + 1),
                     gridSize: configuration.grid, order: configuration.order, gridRange: configuration.gridRange,
                     noiseScale: configuration.noiseScale, scaleBaseMu: configuration.scaleBaseMu,
                     scaleBaseSigma: configuration.scaleBaseSigma, baseFunction: configuration.baseFunction,
                     multiplicationArities: configuration.multiplicationArities(ofNodeLayer: l + 1), random: &random)
        }
    }

    /// The width and multiplication arities read back from the layers, after pruning changed them.
    mutating func adoptLayerShapes() {
        configuration.width = [layers[0].inputs] + layers.map(\.nodes)
        let arities = [[]] + layers.map(\.multiplicationArities)
        configuration.multArity = arities.allSatisfy(\.isEmpty) ? nil : arities
    }

    /// Shorthand for the common case.
    public init(width: [Int], grid: Int = 3, k: Int = 3, seed: UInt64 = 0) throws(KANError) {
        try self.init(KANConfiguration(width: width, grid: grid, order: k, seed: seed))
    }

    public var width: [Int] { configuration.width }
    public var inputCount: Int { configuration.width[0] }
    public var outputCount: Int { configuration.width[configuration.width.count - 1] }

    /// The outputs for a batch of inputs (`rows x width[0]` to `rows x width.last`).
    public func callAsFunction(_ inputs: Matrix) throws(KANError) -> Matrix {
        try checkInputs(inputs, what: "inputs")
        let evaluator = KANEvaluator(model: self)
        return evaluator.forward(self, inputs: inputs, statistics: false)
    }

    /// Throws unless `inputs` has one column per input node and only finite values.
    func checkInputs(_ inputs: Matrix, what: String) throws(KANError) {
        guard inputs.columns == inputCount else {
            throw .shapeMismatch(what: "\(what) columns (the model's input width)", expected: inputCount, found: inputs.columns)
        }
        guard inputs.rows > 0 else { throw .emptyData(what) }
        if let index = inputs.values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteData(what: what, row: index / inputs.columns, column: index % inputs.columns)
        }
    }
}
