extension Double {
    /// `1` for 1.0, `0.5` for 0.5: bounds, settings and values in messages as users type them.
    public var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)"
    }
}
