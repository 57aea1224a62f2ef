/// What one pass over a column's values learns: the narrowest type every value fits, and
/// enough to explain a text column that looks numeric.
struct ColumnInference {
    // Plain flags, not a Set: this runs for every field of a file.
    private var maybeInt = true, maybeFloat = true, maybeBool = true, maybeDate = true
    private var sawValue = false
    private var total = 0
    private var numeric = 0
    private var firstText: (line: Int, text: String)?
    private var zeroPadded: String?

    /// Takes one value into account; `line` is asked for only when the value is the first
    /// text in a numeric-looking column, since finding a line costs a scan.
    mutating func observe(_ text: UnsafeBufferPointer<UInt8>, line: () -> Int) {
        guard !text.isEmpty else { return }
        sawValue = true
        total += 1
        if maybeInt, ValueParsing.int(text) == nil { maybeInt = false }
        // Every int is a float too; only look when the int test failed.
        if maybeFloat, !maybeInt, ValueParsing.float(text) == nil { maybeFloat = false }
        if maybeBool, ValueParsing.bool(text) == nil { maybeBool = false }
        if maybeDate, DateFormat.parse(text) == nil { maybeDate = false }
        if ValueParsing.looksDecimal(text) {
            numeric += 1
            if zeroPadded == nil, text.count > 1, text.first == 0x30, text.dropFirst().first != UInt8(ascii: ".") {
                zeroPadded = String(decoding: text.prefix(40), as: UTF8.self)
            }
        } else if firstText == nil {
            firstText = (line(), String(decoding: text.prefix(40), as: UTF8.self))
        }
    }

    var type: DataType {
        guard sawValue else { return .string }
        if maybeInt { return .int }
        if maybeFloat { return .float }
        if maybeBool { return .bool }
        if maybeDate { return .date }
        return .string
    }

    /// Why the column stayed text, when it looks mostly numeric.
    var textNote: String? {
        guard type == .string, total > 0, numeric * 2 >= total else { return nil }
        if let firstText {
            return "text: \(numeric) of \(total) values are numbers, but line \(firstText.line) has '\(firstText.text)'"
        }
        if let zeroPadded { return "text: zero-padded codes such as '\(zeroPadded)' keep their zeros" }
        return nil
    }
}
