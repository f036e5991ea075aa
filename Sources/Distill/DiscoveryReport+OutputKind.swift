import Files

extension OutputKind {
    /// A discovery result (`DiscoveryReport` encoded as JSON): a JSON object with `formula`.
    public static let discoveryResult = OutputKind.jsonObject("a discovery result", key: "formula")
}
