import Files

/// Checks the output paths a command was given before it starts work, so a FIFO, a device, a directory, a
/// read-only file or a missing folder fails at once instead of after training; `AtomicFile` checks again on saving.
func checkOutputs(_ paths: String?...) throws {
    for case let path? in paths { try AtomicFile.checkTarget(path) }
}
