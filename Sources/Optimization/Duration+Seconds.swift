extension Duration {
    /// This duration in seconds, as reports and JSON print training times.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
