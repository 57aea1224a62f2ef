/// How serious a diagnostic is.
public enum Severity: String, Sendable {
    case error
    case warning
    case note
}

/// A secondary location attached to a diagnostic, such as where an unclosed bracket was opened.
public struct Label: Sendable, Equatable {
    public var span: Span
    public var message: String

    public init(span: Span, message: String) {
        self.span = span
        self.message = message
    }
}

/// A problem found in the user's input, kept as data so that tests, the REPL and batch mode
/// can all inspect it; ``DiagnosticRenderer`` turns it into text.
public struct Diagnostic: Sendable, Equatable, Error {
    public var severity: Severity
    /// A stable identifier (for example `E0102`), so tooling and tests need not match prose.
    public var code: String
    public var message: String
    /// The place the message is about; carets go under all of it.
    public var span: Span
    /// Other places worth showing, each drawn as a `note:` with its own snippet.
    public var labels: [Label]
    /// Extra facts, printed as `note: ...` without a snippet.
    public var notes: [String]
    /// A suggestion, printed as `help: ...`.
    public var help: String?
    /// True when the input simply stopped too early; the REPL then asks for another line.
    public var isIncompleteInput: Bool

    public init(
        _ severity: Severity = .error,
        code: String,
        message: String,
        span: Span,
        labels: [Label] = [],
        notes: [String] = [],
        help: String? = nil,
        isIncompleteInput: Bool = false
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.labels = labels
        self.notes = notes
        self.help = help
        self.isIncompleteInput = isIncompleteInput
    }
}
