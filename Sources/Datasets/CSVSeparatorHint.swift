/// A hint for a header read as one column that holds another separator: a file of tab- or semicolon-separated
/// values (as spreadsheets in many locales export) is read as CSV with one long column name.
enum CSVSeparatorHint {
    /// `"; it looks separated by semicolons: SwiftKAN reads commas (...)"`, or "" when `header` does not look so.
    static func note(for header: [String]) -> String {
        guard header.count == 1, let only = header.first else { return "" }
        for (character, name) in [("\t", "tabs"), (";", "semicolons"), ("|", "vertical bars")] where only.contains(character) {
            return "; the header is one column '\(only.excerpt())', which looks separated by \(name): SwiftKAN reads comma-separated files (save as CSV with commas, or convert with e.g. tr '\(character == "\t" ? "\\t" : character)' ',')"
        }
        return ""
    }
}
