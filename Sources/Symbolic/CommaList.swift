import Foundation

/// Items separated by commas, as a point (`x1=0.3, x2=2`), a sampling range (`-1,1`) and the command's list options
/// are written: each item trimmed of spaces; an empty item (`2,,1`, a trailing comma) is an error, and so is a
/// repeated one when the items must be unique.
public enum CommaList {
    /// The items of `text`: `"x, x^2"` gives `["x", "x^2"]`.
    public static func items(_ text: String, unique: Bool = false) throws(CommaListError) -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if let empty = items.firstIndex(of: "") {
            throw .emptyItem(text: text, position: empty + 1, count: items.count)
        }
        if unique {
            var seen = Set<String>()
            for item in items where !seen.insert(item).inserted {
                throw .repeatedItem(text: text, item: item)
            }
        }
        return items
    }
}

/// Why a comma-separated list was refused, quoting the list: `'2,,1': item 2 of 3 is empty; ...`.
public enum CommaListError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The item at 1-based `position` of `count` is empty.
    case emptyItem(text: String, position: Int, count: Int)
    /// `item` appears more than once where each must appear once.
    case repeatedItem(text: String, item: String)

    public var description: String {
        switch self {
        case .emptyItem(let text, let position, let count):
            return "'\(text)': item \(position) of \(count) is empty; expected items separated by single commas"
        case .repeatedItem(let text, let item):
            return "'\(text)': '\(item)' is given twice; name each once"
        }
    }
}
