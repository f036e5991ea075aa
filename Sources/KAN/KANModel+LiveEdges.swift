extension KANModel {
    /// The edges pruning kept: live splines and edges fixed to a library function.
    public var liveEdgeCount: Int {
        layers.reduce(0) { count, layer in
            count + layer.mask.indices.filter { layer.mask[$0] != 0 || layer.symbolic[$0] != nil }.count
        }
    }
}
