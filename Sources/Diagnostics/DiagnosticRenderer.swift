/// Draws diagnostics the way compilers do:
///
/// ```
/// report.q:3:13: error: expected an expression after 'where', found '|'
///   3 | aid | where | take 5
///     |             ^
///   = help: ...
/// ```
///
/// Carets cover the whole span (up to the end of its first line) and are placed by terminal
/// width, so they stay aligned under Chinese text, combining accents and tabs. Very long
/// lines are cut to a window around the span.
public struct DiagnosticRenderer: Sendable {
    /// Emit ANSI colours (only when writing to a terminal and `NO_COLOR` is unset).
    public var useColor: Bool
    /// The widest source excerpt shown, in terminal columns, before the line is cut.
    public var maxExcerptWidth: Int

    public init(useColor: Bool = false, maxExcerptWidth: Int = 100) {
        self.useColor = useColor
        self.maxExcerptWidth = maxExcerptWidth
    }

    /// Renders every diagnostic, each ending with a newline.
    public func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        diagnostics.map { render($0, in: source) }.joined()
    }

    /// Renders one diagnostic with its snippet, labels, notes and help.
    public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
        let lines = [diagnostic.span] + diagnostic.labels.map(\.span)
        let gutter = lines.map { String(source.lineIndex(of: $0.start) + 1).count }.max() ?? 1
        var out = header(source, diagnostic.span, severity: diagnostic.severity.rawValue, diagnostic.message)
        out += snippet(source, diagnostic.span, gutter: gutter)
        for label in diagnostic.labels {
            out += header(source, label.span, severity: "note", label.message)
            out += snippet(source, label.span, gutter: gutter)
        }
        let pad = String(repeating: " ", count: gutter + 3)
        for note in diagnostic.notes {
            out += "\(pad)= \(paint("note", .bold)): \(note)\n"
        }
        if let help = diagnostic.help {
            out += "\(pad)= \(paint("help", .green)): \(help)\n"
        }
        return out
    }

    private func header(_ source: SourceFile, _ span: Span, severity: String, _ message: String) -> String {
        let (line, column) = source.location(of: span.start)
        let colour: Style = severity == "error" ? .red : (severity == "warning" ? .yellow : .bold)
        return "\(paint("\(source.name):\(line):\(column):", .bold)) \(paint(severity, colour)): \(message)\n"
    }

    private func snippet(_ source: SourceFile, _ span: Span, gutter: Int) -> String {
        let lineIndex = source.lineIndex(of: span.start)
        let range = source.lineRange(lineIndex)
        let caretStart = min(max(span.start, range.lowerBound), range.upperBound)
        let caretEnd = min(max(span.end, caretStart), range.upperBound)

        // Columns before the span and the span's width (at least one caret). Only the part of
        // the line up to the end of the shown window is walked: lines may be megabytes long.
        var before = 0, width = 0
        Self.forEachCell(source.bytes, range.lowerBound..<caretEnd) { offset, cellWidth, _ in
            if offset < caretStart { before += cellWidth } else { width += cellWidth }
            return true
        }
        width = max(1, width)

        // Cut long lines to a window that keeps the start of the span in view, using the
        // room after the span (measured only as far as the window could reach) for context.
        var after = 0
        Self.forEachCell(source.bytes, caretEnd..<range.upperBound) { _, cellWidth, _ in
            after += cellWidth
            return after <= maxExcerptWidth
        }
        var windowStart = 0
        if before + width + after > maxExcerptWidth {
            windowStart = max(0, min(before - maxExcerptWidth / 3, before + width + after - maxExcerptWidth + 1))
        }
        let windowEnd = windowStart + maxExcerptWidth
        var text = windowStart > 0 ? "…" : ""
        var column = 0
        Self.forEachCell(source.bytes, range) { _, cellWidth, cellText in
            if column >= windowStart && column + cellWidth <= windowEnd { text += cellText() }
            column += cellWidth
            if column > windowEnd {
                text += "…"
                return false
            }
            return true
        }
        let caretColumn = windowStart > 0 ? before - windowStart + 1 : before
        let caretWidth = max(1, min(width, windowEnd - before))

        let number = String(lineIndex + 1)
        let numberPad = String(repeating: " ", count: gutter - number.count + 2)
        let blank = String(repeating: " ", count: gutter + 2)
        var out = "\(numberPad)\(paint(number, .blue)) \(paint("|", .blue)) \(text)\n"
        out += "\(blank) \(paint("|", .blue)) \(String(repeating: " ", count: max(0, caretColumn)))"
        out += paint(String(repeating: "^", count: caretWidth), .red) + "\n"
        return out
    }

    /// Walks a line cell by cell: tabs become four spaces, control characters and invalid
    /// bytes become U+FFFD so the terminal never receives them raw. The text is produced
    /// lazily because only the visible window of a long line needs it.
    private static func forEachCell(
        _ bytes: [UInt8], _ range: Range<Int>,
        _ body: (_ offset: Int, _ width: Int, _ text: () -> String) -> Bool
    ) {
        var index = range.lowerBound
        var goOn = true
        while goOn && index < range.upperBound {
            if let (scalar, length) = UTF8Decoding.decode(bytes, at: index) {
                if scalar == "\t" {
                    goOn = body(index, 4) { "    " }
                } else if scalar == "\r" {
                    goOn = body(index, 1) { " " }
                } else if Self.isInvisible(scalar) {
                    goOn = body(index, 1) { "\u{FFFD}" }
                } else {
                    goOn = body(index, DisplayWidth.of(scalar)) { String(Character(scalar)) }
                }
                index += length
            } else {
                goOn = body(index, 1) { "\u{FFFD}" }
                index += 1
            }
        }
    }

    /// Control and formatting characters (NUL, U+0085, zero-width spaces, byte order marks)
    /// are shown as U+FFFD so the place the message points at can be seen.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    private enum Style: String {
        case red = "1;31", yellow = "1;33", green = "1;32", blue = "1;34", bold = "1"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
