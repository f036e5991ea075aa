import ArgumentParser
import Foundation
import KAN
import Symbolic

/// An error the user can act on: printed to standard error as `error: MESSAGE`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `body`; a failure is printed to standard error and ends the command with exit status 1.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        FileHandle.standardError.write(Data("error: \(failure.description.shorteningLongRuns())\n".utf8))
        throw ExitCode.failure
    } catch let error as ExitCode {
        throw error
    } catch let error as any Error & CustomStringConvertible {
        FileHandle.standardError.write(Data("error: \(error.description.shorteningLongRuns())\n".utf8))
        throw ExitCode.failure
    }
}
