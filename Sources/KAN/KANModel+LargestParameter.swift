extension KANModel {
    /// The parameter of largest magnitude, named by its place in a checkpoint's JSON
    /// (`model.layers[1].nodeBias[0]`): where a model whose output overflows was most likely damaged. Nil for a
    /// model without parameters.
    public var largestParameter: (path: String, value: Double)? {
        var largest: (path: String, value: Double)?
        func consider(_ value: Double, _ path: @autoclosure () -> String) {
            if largest.map({ abs(value) > abs($0.value) }) ?? true { largest = (path(), value) }
        }
        func consider(_ values: [Double], _ field: String, layer: Int) {
            for (index, value) in values.enumerated() { consider(value, "model.layers[\(layer)].\(field)[\(index)]") }
        }
        for (l, layer) in layers.enumerated() {
            consider(layer.coefficients, "coefficients", layer: l)
            consider(layer.scaleBase, "scaleBase", layer: l)
            consider(layer.scaleSpline, "scaleSpline", layer: l)
            consider(layer.nodeScale, "nodeScale", layer: l)
            consider(layer.nodeBias, "nodeBias", layer: l)
            consider(layer.subnodeScale, "subnodeScale", layer: l)
            consider(layer.subnodeBias, "subnodeBias", layer: l)
            for (e, edge) in layer.symbolic.enumerated() {
                guard let k = edge?.constants else { continue }
                for (name, value) in [("a", k.a), ("b", k.b), ("c", k.c), ("d", k.d)] {
                    consider(value, "model.layers[\(l)].symbolic[\(e)].constants.\(name)")
                }
            }
        }
        return largest
    }
}
