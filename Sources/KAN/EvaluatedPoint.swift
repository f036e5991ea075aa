/// The training objective at one parameter vector, as `fit` evaluated it: the loss, the unscaled regulariser and
/// the gradient of `loss + lamb * reg`.
///
/// `fit` keeps the last one so that the same point is not evaluated twice. LBFGS begins every step by evaluating
/// where the previous step ended (as PyTorch's does), and after every step `fit` records the loss and regulariser
/// there. The kept numbers are the ones a second evaluation would give, to the last bit: `fit` keeps a point only when
/// the passes before and after it took the same kernels (`KANEvaluator.kernelsSettled`: the first passes over a
/// batch may switch its first layer to a sparse view, which agrees with the dense one only to rounding), and drops it
/// when the model's grids or the batch change.
struct EvaluatedPoint {
    let parameters: [Double]
    let loss: Double
    let regularization: Double
    let gradient: [Double]

    /// Whether this is the objective at `vector`, compared bit for bit (so `-0.0` is not `0.0`).
    func isAt(_ vector: [Double]) -> Bool {
        parameters.count == vector.count && zip(parameters, vector).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}
