import Files

/// `OutputPaths.check`, as every command calls it before its work.
func checkOutputs(_ outputs: [OutputPath], inputs: [InputPath] = []) throws {
    try OutputPaths.check(outputs, inputs: inputs)
}
