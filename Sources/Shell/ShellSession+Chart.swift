import Charts
import Columnar
import Diagnostics
import Driver
import Glibc
import Semantic

/// The size of the terminal results are drawn on, read when a chart is drawn (it may have
/// been resized since the last one).
public struct ChartScreen: Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// `chart`: at a terminal, the picture; with `to "file.svg"`, the SVG in the file, in any
/// mode; anywhere else (a pipe, a script's output, `.output`), the rows as any result, so
/// scripts and pipes never get pictures they cannot use.
extension ShellSession {
    func chart(_ table: Table, columnNames: [String], _ request: ChartRequest, span: Span) throws {
        // Axes, legends and the footnote name the columns as the table view does.
        let named = Table(fields: zip(table.fields, columnNames).map { Field($1, $0.type) }, columns: table.columns)
        let renderer = ChartRenderer(spec: request.spec, table: named, outline: request.spec.kind == .map ? try outline(span) : nil)
        if let file = request.file {
            let svg = renderer.svg()
            if let problem = ChartFile.replace(FileBytes.expandingHome(file.text), with: svg) {
                throw Diagnostic(code: "E0506", message: "cannot write the chart to '\(file.text)': \(problem)", span: file.span)
            }
            writeNote("wrote \(file.text) (\(Self.size(svg.utf8.count)))\n")
            return
        }
        // A format asked for (.format csv) is asked for: the rows, not a picture.
        guard onceFile ?? outputFile == nil, formatter.format == .table, let screen = chartScreen?() else {
            try emit(table, columnNames: columnNames, span: span)
            return
        }
        // No taller than 24 rows, and a line left for the prompt: the question stays in sight.
        let picture = renderer.terminal(width: max(20, screen.columns), height: max(8, min(24, screen.rows - 2)), color: formatter.useColor)
        try emit(picture.hasSuffix("\n") ? picture : picture + "\n", span: span)
    }

    /// The world's borders for `chart map`, from ``worldOutline``.
    private func outline(_ span: Span) throws -> WorldOutline {
        guard let worldOutline else {
            throw Diagnostic(code: "E0507", message: "this program has no world outline to draw a map on", span: span)
        }
        do {
            return try worldOutline()
        } catch {
            throw Diagnostic(code: "E0498", message: "the map's outline is missing from this build: \(error)", span: span)
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes < 10_000 ? "\(bytes) bytes" : "\((bytes + 512) / 1_024) KB"
    }
}

/// A chart written to a file: to a temporary file beside it first, then renamed over it, so
/// that a failure (a full disk) leaves the old file as it was.
enum ChartFile {
    /// Nil when written, else the reason.
    static func replace(_ path: String, with text: String) -> String? {
        let temporary = path + ".amity-\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var text = text
        var failure = text.withUTF8 { ResultFile.writeAll($0, to: descriptor) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }
}
