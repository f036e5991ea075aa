import Symbolic

extension String {
    /// An error message as `kan` prints it: every run of more than `limit` characters without a space (a 2 MB
    /// field, a pasted file as an option's value) quoted as an excerpt with its length, and the whole cut after
    /// `20 * limit` characters, so no input is echoed whole whichever message quotes it.
    func shorteningLongRuns(limit: Int = 200) -> String {
        var result = "", run = ""
        func flush() {
            result += run.count > limit ? run.excerpt() : run
            run = ""
        }
        for character in self {
            if character.isWhitespace {
                flush()
                result.append(character)
            } else {
                run.append(character)
            }
        }
        flush()
        let total = 20 * limit
        return result.count > total ? "\(result.prefix(total))... (\(result.count) characters in all)" : result
    }
}
