import Files

extension OutputKind {
    /// A checkpoint (`Checkpoint.save`): a JSON object with `formatVersion`.
    public static let checkpoint = OutputKind.jsonObject("a checkpoint", key: "formatVersion")
}
