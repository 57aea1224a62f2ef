/// A half-open range of byte offsets into a ``SourceFile``.
///
/// Spans are kept as byte offsets because that is what the lexer sees; line and column
/// numbers are derived only when a message is printed.
public struct Span: Hashable, Sendable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte; equal to `start` for an empty span (end of input).
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty span at `offset`, used for "expected something here".
    public static func point(_ offset: Int) -> Span { Span(start: offset, end: offset) }

    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }

    /// The smallest span covering both.
    public func merged(with other: Span) -> Span {
        Span(start: min(start, other.start), end: max(end, other.end))
    }

    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

    public var description: String { "\(start)..<\(end)" }
}
