/// What reading one line gave.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at the prompt: the caller clears what it collected and prompts again.
    case interrupted
    /// Ctrl-D or the end of piped input.
    case endOfInput
}

/// A source of input lines. The REPL core depends only on this protocol, so tests and pipes
/// drive it without a terminal.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (where there is a terminal) and reads one line without its newline.
    func readLine(prompt: String) -> LineInput
    /// Remembers a complete entry (a multi-line statement is one entry).
    func addHistory(_ entry: String)
    /// Offers completions for Tab: given the text before the cursor, the candidates for the
    /// word being typed (each a whole word) and how many characters of that word are typed.
    var completer: ((String) -> Completion)? { get set }
    /// Says whether Ctrl-C was pressed (the program's SIGINT handler records it).
    var isInterrupted: () -> Bool { get set }
}

/// What Tab can complete at the cursor.
public struct Completion: Sendable, Equatable {
    /// The characters of the word already typed, which every candidate starts with.
    public var typed: String
    public var candidates: [String]

    public init(typed: String, candidates: [String]) {
        self.typed = typed
        self.candidates = candidates
    }
}

/// Reads plain lines from a file descriptor: for pipes, redirected files and tests. It
/// shows no prompt and keeps no history.
public final class PlainLineReader: LineReader {
    private var iterator: AnyIterator<String>

    /// Reads standard input.
    public init() {
        iterator = AnyIterator { Swift.readLine(strippingNewline: true) }
    }

    /// Reads the given lines, for tests.
    public init(lines: [String]) {
        var remaining = lines[...]
        iterator = AnyIterator { remaining.popFirst() }
    }

    public func readLine(prompt: String) -> LineInput {
        iterator.next().map(LineInput.line) ?? .endOfInput
    }

    public func addHistory(_ entry: String) {}

    public var completer: ((String) -> Completion)?

    public var isInterrupted: () -> Bool = { false }
}
