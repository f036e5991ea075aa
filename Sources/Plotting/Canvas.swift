internal import CCairo
import Files
import Foundation

/// A drawing surface backed by Cairo, written to SVG, PNG or PDF by the file's extension. Coordinates are in
/// points, origin top left.
final class Canvas {
    let width: Double
    let height: Double
    let format: PlotFormat
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let sink = ByteSink()
    private let destination: URL
    /// Every string drawn, in order: what a reader can read in the picture (the files hold text as glyph outlines,
    /// so this is where a caller or a test finds the labels).
    private(set) var texts: [String] = []

    /// A canvas that will be written to `url`: Cairo draws into memory, and `write()` saves the bytes with
    /// `AtomicFile` (whole or not at all; no temporary file outlives it).
    init(width: Double, height: Double, url: URL) throws(PlotError) {
        let format = try PlotFormat(path: url.path)
        self.width = width
        self.height = height
        self.format = format
        destination = url
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .svg: surface = cairo_svg_surface_create_for_stream(appendToSink, closure, width, height)
        case .pdf: surface = cairo_pdf_surface_create_for_stream(appendToSink, closure, width, height)
        case .png: surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let message = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
            cairo_surface_destroy(surface)
            throw .cannotWrite(url.path, message)
        }
        context = cairo_create(surface)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// An RGB colour with alpha.
    struct Color {
        var red: Double, green: Double, blue: Double, alpha: Double = 1
        static let black = Color(red: 0, green: 0, blue: 0)
        static let gray = Color(red: 0.55, green: 0.55, blue: 0.55)
    }

    /// A straight line; `dash` gives the lengths of dashes and gaps (solid when empty).
    func line(from start: (Double, Double), to end: (Double, Double), color: Color, width lineWidth: Double = 1, dash: [Double] = []) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_set_line_width(context, lineWidth)
        cairo_set_dash(context, dash, Int32(dash.count), 0)
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    func polyline(_ points: [(Double, Double)], color: Color, width lineWidth: Double = 1.5) {
        guard let first = points.first else { return }
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_set_line_width(context, lineWidth)
        cairo_move_to(context, first.0, first.1)
        for point in points.dropFirst() { cairo_line_to(context, point.0, point.1) }
        cairo_stroke(context)
    }

    func rectangle(x: Double, y: Double, width w: Double, height h: Double, stroke: Color, fill: Color? = nil) {
        cairo_rectangle(context, x, y, w, h)
        if let fill {
            cairo_set_source_rgba(context, fill.red, fill.green, fill.blue, fill.alpha)
            cairo_fill_preserve(context)
        }
        cairo_set_source_rgba(context, stroke.red, stroke.green, stroke.blue, stroke.alpha)
        cairo_set_line_width(context, 0.8)
        cairo_stroke(context)
    }

    func circle(x: Double, y: Double, radius: Double, color: Color) {
        cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_fill(context)
    }

    /// The outline of a circle: a marker drawn around a point.
    func ring(x: Double, y: Double, radius: Double, color: Color, width lineWidth: Double = 1.5) {
        cairo_new_sub_path(context)
        cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_set_line_width(context, lineWidth)
        cairo_stroke(context)
    }

    /// Many filled circles of one colour as one shape: a scatter of thousands of points stays one element of an
    /// SVG file, not thousands.
    func dots(_ centers: [(Double, Double)], radius: Double, color: Color) {
        guard !centers.isEmpty else { return }
        for (x, y) in centers {
            cairo_new_sub_path(context)
            cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
        }
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_fill(context)
    }

    /// Text centred on `x` (or starting there with `centered: false`), baseline at `y`; `vertical` text reads from
    /// bottom to top (a y axis's label), centred on `y` with its baseline at `x`.
    func text(_ string: String, x: Double, y: Double, size: Double, color: Color = .black, centered: Bool = true, vertical: Bool = false) {
        texts.append(string)
        cairo_save(context)
        cairo_translate(context, x, y)
        if vertical { cairo_rotate(context, -Double.pi / 2) }
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, string, &extents)
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_move_to(context, centered ? -extents.width / 2 - extents.x_bearing : 0, 0)
        cairo_show_text(context, string)
        cairo_restore(context)
    }

    /// How far `string` advances at font `size`.
    func textWidth(_ string: String, size: Double) -> Double {
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, string, &extents)
        return extents.x_advance
    }

    /// `string` if it fits in `width` at font `size`, else its longest start that fits with "..." after it.
    func shortened(_ string: String, size: Double, toWidth width: Double) -> String {
        guard textWidth(string, size: size) > width else { return string }
        let characters = Array(string)
        // The longest fitting start, by bisection: a formula of thousands of characters is measured a dozen times.
        var (fits, tooLong) = (0, characters.count)
        while tooLong - fits > 1 {
            let middle = (fits + tooLong) / 2
            if textWidth(String(characters[..<middle]) + "...", size: size) <= width { fits = middle } else { tooLong = middle }
        }
        return String(characters[..<fits]) + "..."
    }

    /// Finishes the drawing and saves it to its destination.
    func write() throws(PlotError) {
        cairo_surface_flush(surface)
        if format == .png {
            let status = cairo_surface_write_to_png_stream(surface, appendToSink, Unmanaged.passUnretained(sink).toOpaque())
            guard status == CAIRO_STATUS_SUCCESS else { throw .cannotWrite(destination.path, String(cString: cairo_status_to_string(status))) }
        }
        cairo_surface_finish(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw .cannotWrite(destination.path, String(cString: cairo_status_to_string(cairo_surface_status(surface))))
        }
        do { try AtomicFile.write(sink.data, to: destination.path) } catch {
            throw .cannotWrite(destination.path, error.reason)
        }
    }
}

/// The bytes Cairo streams out for one canvas.
private final class ByteSink {
    var data = Data()
}

/// Cairo's write callback: appends to the `ByteSink` passed as the closure.
private let appendToSink: cairo_write_func_t = { closure, bytes, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    if let bytes { Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length)) }
    return CAIRO_STATUS_SUCCESS
}

/// Why a plot could not be made.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedFormat(String)
    case cannotWrite(String, String)
    case emptyHistory
    case invalidSamples(String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let path): return "\(path): unsupported plot format (use .svg, .png or .pdf)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .emptyHistory: return "the training history is empty"
        case .invalidSamples(let reason): return "plot samples: \(reason)"
        }
    }
}
