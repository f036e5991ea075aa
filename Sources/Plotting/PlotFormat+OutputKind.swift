import Files

extension OutputKind {
    /// A plot: a picture in the format its path's extension names (`PlotFormat`); a path without one is refused.
    public static let plot = OutputKind(name: "a plot", holds: { bytes, path in (try? PlotFormat(path: path).isPicture(bytes)) ?? false },
                                        checkPath: { path in _ = try PlotFormat(path: path) })
}
