extension String {
    /// The text as an error message may quote it: whole when short, else its first `limit` characters and how
    /// long it is (`sin(sin(sin(... (100007 characters)`), so a 2 MB field is not echoed whole.
    public func excerpt(limit: Int = 60) -> String {
        count <= limit ? self : "\(prefix(limit))... (\(count) characters)"
    }
}
