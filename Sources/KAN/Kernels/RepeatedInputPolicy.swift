/// Which cheaper path a layer's passes may take when its input values repeat (a pixel's 0, a category), decided
/// from the input alone and kept while it does not change. The arithmetic of each path is elsewhere
/// (`DenseLayerKernel`, `SparseLayerKernel`); this only chooses.
///
/// - When at least a quarter of the (row, input) values equal the previous row's, the dense passes keep each
///   input's last spline sums and pool the coefficient gradients of rows sharing a value.
/// - On the second pass over one first-layer input that repeats (a line search evaluates one batch again and
///   again), the sparse view is built; later passes that need neither the regulariser's statistics nor the
///   input's gradient go through it.
/// - A first-layer input whose dense basis would be large (MNIST's 12,665 images: 477 MB) gets its sparse view at
///   once, in place of the dense basis (`sparseFirst`), when a pass needs no statistics.
struct RepeatedInputPolicy {
    /// Whether the current input repeats often enough to keep spline sums and pool gradients for.
    private(set) var repeats = false
    /// The first layer's input as "mostly at one value", once built for the current input.
    private(set) var sparse: SparseInputs?
    /// Whether building `sparse` was considered for the current input.
    private var sparseChecked = false

    /// After a dense pass over a new input, `repeatHits` of whose `values` values equal the previous row's.
    mutating func newInput(repeatHits: Int, values: Int) {
        repeats = 4 * repeatHits >= values
        sparse = nil
        sparseChecked = false
    }

    /// The sparse view `sparse` stands in for a new input's dense basis, which is not evaluated.
    mutating func sparseFirst(_ sparse: SparseInputs) {
        repeats = true
        self.sparse = sparse
        sparseChecked = true
    }

    /// The dense basis of an input bigger than this, in bytes, is replaced by its sparse view when one exists.
    static let sparseFirstBytes = 64 << 20

    /// After a pass over the same input again: a first layer's sparse view is built once, when its values repeat.
    mutating func sameInputAgain(firstLayer: Bool, build: () -> SparseInputs?) {
        guard firstLayer, !sparseChecked else { return }
        sparseChecked = true
        if repeats { sparse = build() }
    }

    /// Whether the sparse view was considered for the current input, so that further passes over it take the kernels
    /// the last one took (before that, the second pass over an input builds the view, and the passes after it use it).
    var isSettled: Bool { sparseChecked }

    /// The sparse view, when a forward pass may use it: the basis is the cached one, and no statistics are needed.
    func sparseForward(sameInput: Bool, statistics: Bool) -> SparseInputs? {
        sameInput && !statistics ? sparse : nil
    }

    /// The sparse view, when a backward pass may use it: neither the regulariser nor the input's gradient is needed.
    func sparseBackward(regularizing: Bool, inputGradient: Bool) -> SparseInputs? {
        !regularizing && !inputGradient ? sparse : nil
    }

    /// Whether a dense forward pass keeps each input's last spline sums (only over a cached basis).
    func keepsSplineSums(sameInput: Bool) -> Bool { sameInput && repeats }

    /// Whether a dense backward pass pools the gradients of rows sharing a value (not when it also computes the
    /// input's gradient, which is per row anyway).
    func poolsGradients(inputGradient: Bool) -> Bool { repeats && !inputGradient }
}
