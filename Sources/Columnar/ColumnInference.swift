/// What one pass over a column's values learns: the narrowest type every value fits, and
/// enough to explain a text column that looks numeric.
struct ColumnInference {
    private var candidates: Set<DataType> = [.int, .float, .bool, .date]
    private var sawValue = false
    private var total = 0
    private var numeric = 0
    private var firstText: (line: Int, text: String)?
    private var zeroPadded: String?

    mutating func observe(_ text: ArraySlice<UInt8>, line: Int) {
        guard !text.isEmpty else { return }
        sawValue = true
        total += 1
        if !candidates.isEmpty {
            if candidates.contains(.int), ValueParsing.int(text) == nil { candidates.remove(.int) }
            if candidates.contains(.float), ValueParsing.float(text) == nil { candidates.remove(.float) }
            if candidates.contains(.bool), ValueParsing.bool(text) == nil { candidates.remove(.bool) }
            if candidates.contains(.date), DateFormat.parse(text) == nil { candidates.remove(.date) }
        }
        if ValueParsing.looksDecimal(text) {
            numeric += 1
            if zeroPadded == nil, text.count > 1, text.first == 0x30, text.dropFirst().first != UInt8(ascii: ".") {
                zeroPadded = String(decoding: text.prefix(40), as: UTF8.self)
            }
        } else if firstText == nil {
            firstText = (line, String(decoding: text.prefix(40), as: UTF8.self))
        }
    }

    var type: DataType {
        guard sawValue else { return .string }
        for type in [DataType.int, .float, .bool, .date] where candidates.contains(type) { return type }
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
