/// The text of one query source (a script, a `-c` argument, a REPL entry) and its name.
///
/// The text is kept as raw bytes: input may be invalid UTF-8, contain NUL bytes or be very
/// large, and the lexer must see exactly what the user gave. Line starts are computed once.
public struct SourceFile: Sendable {
    /// The name printed in messages: a path, `<command line>`, `<stdin>` or `<repl>`.
    public let name: String
    /// The raw bytes of the source.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// A 1-based line and column for a byte offset. Columns count Unicode scalars, so a
    /// Chinese character is one column here, as editors number them.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        let line = lineIndex(of: clamped)
        var column = 1
        var index = lineStarts[line]
        while index < clamped {
            index += UTF8Decoding.sequenceLength(bytes, at: index)
            column += 1
        }
        return (line + 1, column)
    }

    /// The 0-based index of the line holding `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The byte range of a 0-based line, without its line terminator.
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The source text of a span, with invalid UTF-8 replaced by U+FFFD.
    public func text(of span: Span) -> String {
        let start = min(max(span.start, 0), bytes.count)
        let end = min(max(span.end, start), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Byte-level UTF-8 helpers shared by the lexer and the renderer.
public enum UTF8Decoding {
    /// The length of the well-formed UTF-8 sequence starting at `index`, or 1 for a byte
    /// that does not start one (so callers always make progress).
    public static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        decode(bytes, at: index)?.length ?? 1
    }

    /// Decodes one scalar at `index`, rejecting overlong forms, surrogates and truncation.
    public static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let length: Int
        var value: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; value = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(first & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 3 ? 0x800 : (length == 4 ? 0x10000 : 0x80)
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
