/// Caps on untrusted DOT: how big the text and its tokens may be, and how big a drawing it may
/// ask for. Checked unless ``RenderOptions/allowsUnsafeInput`` is set.
///
/// The defaults let through every diagram a person can read (the largest DOT `micrograd` writes
/// for an image is about 2 MB) and refuse what only costs time and memory: `dot` itself rejects
/// quoted strings and comments over 16,384 characters, and cairo cannot make bitmaps wider or
/// taller than 32,767 pixels.
public struct RenderLimits: Sendable, Equatable {
    /// The largest DOT text, in UTF-8 bytes (16 MiB by default).
    public var maximumInputBytes: Int
    /// The longest quoted string, HTML string, comment or name, in bytes (16,384, as `dot`).
    public var maximumTokenLength: Int
    /// The highest `dpi` (or `resolution`) a graph may set (600 by default).
    public var maximumDPI: Double
    /// The widest and tallest drawing, in pixels at the output's resolution: 96 per inch for PNG,
    /// 72 per inch (one per point) for SVG and PDF, unless the graph sets `dpi` (32,767 by default).
    public var maximumSide: Double
    /// The largest drawing in pixels, width × height, at the same resolution (100 million by default).
    public var maximumPixels: Double
    /// The largest image, in bytes (256 MiB by default): many layers or pages multiply the output.
    /// A render in a separate process is stopped as soon as its image goes over.
    public var maximumImageBytes: Int

    /// Creates limits; every default is the documented one.
    ///
    /// - Parameters:
    ///   - maximumInputBytes: The largest DOT text, in UTF-8 bytes.
    ///   - maximumTokenLength: The longest token, in bytes.
    ///   - maximumDPI: The highest `dpi` a graph may set.
    ///   - maximumSide: The widest and tallest drawing, in pixels.
    ///   - maximumPixels: The largest drawing, width × height, in pixels.
    ///   - maximumImageBytes: The largest image, in bytes.
    public init(
        maximumInputBytes: Int = 16 << 20, maximumTokenLength: Int = 16_384, maximumDPI: Double = 600,
        maximumSide: Double = 32_767, maximumPixels: Double = 100_000_000, maximumImageBytes: Int = 256 << 20
    ) {
        self.maximumInputBytes = maximumInputBytes
        self.maximumTokenLength = maximumTokenLength
        self.maximumDPI = maximumDPI
        self.maximumSide = maximumSide
        self.maximumPixels = maximumPixels
        self.maximumImageBytes = maximumImageBytes
    }
}
