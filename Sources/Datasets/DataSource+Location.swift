import Foundation

extension DataSource {
    /// This source with a relative file or folder path taken relative to `folder` (a checkpoint's recorded data,
    /// written before paths were stored absolute, is relative to the checkpoint's folder).
    public func resolvingPaths(against folder: URL) -> DataSource {
        func resolved(_ path: String) -> String {
            path.hasPrefix("/") ? path : folder.appendingPathComponent(path).standardizedFileURL.path
        }
        switch self {
        case .formula: return self
        case .csv(let path, let options): return .csv(path: resolved(path), options: options)
        case .idx(let folder, let limit): return .idx(folder: resolved(folder), trainLimit: limit)
        }
    }

    /// The source in a few words, for messages: the file or folder, or the formula.
    public var summary: String {
        switch self {
        case .formula(let expression, _, _, _, _, _): return "the formula \(expression)"
        case .csv(let path, _): return path
        case .idx(let folder, _): return folder
        }
    }
}
