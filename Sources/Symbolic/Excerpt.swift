extension String {
    /// The text as an error message may quote it: whole when short, else its first `limit` characters and how
    /// long it is (`sin(sin(sin(... (100007 characters)`), so a 2 MB field is not echoed whole.
    public func excerpt(limit: Int = 60) -> String {
        count <= limit ? self : "\(prefix(limit))... (\(count) characters)"
    }

    /// The text as a message may print it whole (`kan` prints every error so): every run of more than `limit`
    /// characters without a space (a 2 MB field, a pasted file as an option's value) quoted as an excerpt with its
    /// length, and the whole cut after `20 * limit` characters, so no input is echoed whole whichever message quotes it.
    public func shorteningLongRuns(limit: Int = 200) -> String {
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
