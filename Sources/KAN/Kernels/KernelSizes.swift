/// The sizes a dense layer kernel's inner loops run over: the layer's outputs and `p = k + 1` basis values per
/// point. As a type, so the kernels are compiled once for the common shapes with the sizes as constants (their
/// short loops unrolled, no vector-loop preamble for a loop of one) and once for any shape;
/// `KANLayer.withKernelSizes` picks the most specific for each pass.
protocol KernelSizes {
    var outputs: Int { get }
    var p: Int { get }
}

/// Cubic splines (`k = 3`) into a few outputs, `Outputs` of them: a network's last layer (one output) and the
/// narrow hidden layers of the small networks that fits and equation discovery train by the thousand.
struct CubicFewOutputs<let Outputs: Int>: KernelSizes {
    var outputs: Int { Outputs }
    var p: Int { 4 }
}

/// Cubic splines (`k = 3`, the default) into more outputs.
struct Cubic: KernelSizes {
    let outputs: Int
    var p: Int { 4 }
}

/// Any spline order, any number of outputs.
struct AnyKernelSizes: KernelSizes {
    let outputs: Int
    let p: Int
}

/// Work to run with a layer's kernel sizes as a type (`KANLayer.withKernelSizes`).
protocol KernelPass {
    associatedtype Result
    func run<Sizes: KernelSizes>(_ sizes: Sizes) -> Result
}

extension KANLayer {
    /// Runs `pass` with this layer's kernel sizes as the most specific `KernelSizes` type.
    func withKernelSizes<Pass: KernelPass>(_ pass: Pass) -> Pass.Result {
        guard order == 3 else { return pass.run(AnyKernelSizes(outputs: outputs, p: order + 1)) }
        switch outputs {
        case 1: return pass.run(CubicFewOutputs<1>())
        case 2: return pass.run(CubicFewOutputs<2>())
        case 3: return pass.run(CubicFewOutputs<3>())
        case 4: return pass.run(CubicFewOutputs<4>())
        case 5: return pass.run(CubicFewOutputs<5>())
        case 6: return pass.run(CubicFewOutputs<6>())
        case 7: return pass.run(CubicFewOutputs<7>())
        case 8: return pass.run(CubicFewOutputs<8>())
        default: return pass.run(Cubic(outputs: outputs))
        }
    }
}
