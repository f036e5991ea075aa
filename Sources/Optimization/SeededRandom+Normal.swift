import Foundation

extension SeededRandom {
    /// A standard normal draw (Box-Muller on two uniforms), for noise added to targets.
    public mutating func normal() -> Double {
        let u = max(uniform(), 0x1p-60), v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
