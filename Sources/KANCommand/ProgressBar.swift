import Foundation
import KAN

/// Draws fit progress on standard error: a bar redrawn in place on a terminal
/// (`| train_loss: 5.83e-02 | test_loss: 5.06e-02 | reg: 1.31e+02 | 12/50 [00:01<00:03]`), a plain line
/// every tenth of the run otherwise, nothing when quiet.
struct ProgressBar {
    let quiet: Bool
    let interactive = isatty(FileHandle.standardError.fileDescriptor) != 0

    func report(_ progress: FitProgress) {
        guard !quiet else { return }
        let line = String(format: "| train_loss: %.2e | test_loss: %.2e | reg: %.2e | %d/%d [%@<%@]",
                          progress.trainLoss, progress.testLoss, progress.regularization, progress.step, progress.steps,
                          Self.clock(progress.elapsedSeconds),
                          Self.clock(progress.elapsedSeconds / Double(progress.step) * Double(progress.steps - progress.step)))
        if interactive {
            let width = 28
            let filled = width * progress.step / max(1, progress.steps)
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            write("\r|\(bar)\(line)" + (progress.step == progress.steps ? "\n" : ""))
        } else if progress.step == progress.steps || progress.step % max(1, progress.steps / 10) == 0 {
            write(line + "\n")
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    private static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%02d:%02d", total / 60, total % 60)
    }
}
