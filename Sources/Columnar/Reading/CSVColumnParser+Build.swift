extension CSVColumnParser {
    /// Text fields into dictionary codes; an empty unquoted field is null, a quoted one the
    /// empty string. Stops (returning the record) only at invalid UTF-8.
    mutating func fillText(_ fields: Fields, from first: Int, to records: Int) -> Int {
        var codes = self.codes, dictionary = self.dictionary, scratch = self.scratch, firstOffsets = self.firstOffsets
        self.firstOffsets = []
        self.codes = []
        self.dictionary = StringDictionaryBuilder(capacity: 0)
        self.scratch = []
        let base = count
        if codes.count < base + records { codes.append(contentsOf: repeatElement(0, count: base + records - codes.count)) }
        var stopped = records
        var nulls: [Int] = []
        codes.withUnsafeMutableBufferPointer { out in
            for record in first..<records {
                let start = fields.starts[record], length = fields.ends[record] - start
                let flag = fields.flag(record)
                if length == 0 && flag == 0 {
                    nulls.append(record)
                    continue
                }
                let text = UnsafeBufferPointer(start: fields.bytes + start, count: length)
                let code = flag & CSVBatch.escaped == 0
                    ? dictionary.code(forValidating: text)
                    : Self.withUnescaped(text, scratch: &scratch) { dictionary.code(forValidating: $0) }
                guard let code else {
                    stopped = record
                    break
                }
                if Int(code) == firstOffsets.count { firstOffsets.append(fields.window.offset + start) }
                out[base + record] = code
            }
        }
        self.codes = codes
        self.dictionary = dictionary
        self.scratch = scratch
        self.firstOffsets = firstOffsets
        for record in nulls { markNull(base + record) }
        return stopped
    }

    /// `text` with doubled quotes made single.
    private static func withUnescaped<Result>(_ text: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                                              _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        scratch.removeAll(keepingCapacity: true)
        var skip = false
        for byte in text {
            if skip {
                skip = false
                continue
            }
            scratch.append(byte)
            if byte == UInt8(ascii: "\"") { skip = true }
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    mutating func markNull(_ row: Int) {
        let word = row >> 6
        if nullWords.count <= word { nullWords.append(contentsOf: repeatElement(0, count: word + 1 - nullWords.count)) }
        nullWords[word] |= 1 << UInt64(row & 63)
    }

    mutating func markNulls(_ rows: Range<Int>) {
        for row in rows { markNull(row) }
    }

    /// Drops the values of a column that will be read again as text.
    mutating func release() {
        ints = []
        floats = []
        bools = []
        dates = []
        codes = []
        dictionary = StringDictionaryBuilder(capacity: 0)
        nullWords = []
        firstOffsets = []
    }

    /// The type of a column read in parts (one per thread), or nil when it must be read
    /// again as text: a part found text, or the parts disagree beyond int and float.
    static func combinedType(_ parts: [CSVColumnParser]) -> DataType? {
        var combined: DataType?
        for part in parts {
            switch part.kind {
            case .needsText: return nil
            case .none: continue
            case .typed(let type):
                if combined == nil || combined == type {
                    combined = type
                } else if (combined == .int && type == .float) || (combined == .float && type == .int) {
                    combined = .float
                } else {
                    return nil
                }
            }
        }
        // A quoted empty field is the empty string in a text column, not the null it was taken for.
        if combined ?? .string == .string, parts.contains(where: \.sawQuotedEmpty) { return nil }
        return combined ?? .string
    }

    /// The parts one after another as one column of `type` (from ``combinedType(_:)``).
    /// The parts' values are moved out: the first part's arrays grow in place.
    static func concatenate(_ parts: inout [CSVColumnParser], as type: DataType) -> (column: Column, firstOffsets: [Int]) {
        let total = parts.reduce(0) { $0 + $1.count }
        var validity: Bitmap?
        if parts.contains(where: { !$0.nullWords.isEmpty || $0.kind == .none }) {
            var bits = Bitmap(count: total, value: true)
            var offset = 0
            for part in parts {
                if part.kind == .none {
                    for row in 0..<part.count { bits[offset + row] = false }
                } else {
                    for (index, word) in part.nullWords.enumerated() where word != 0 {
                        for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { bits[offset + index * 64 + bit] = false }
                    }
                }
                offset += part.count
            }
            validity = bits
        }
        func joined<Value>(_ storage: WritableKeyPath<CSVColumnParser, [Value]>, zero: Value,
                           converted: (CSVColumnParser) -> [Value]? = { _ in nil }) -> [Value] {
            var all: [Value] = []
            for index in parts.indices {
                var values: [Value]
                if parts[index].kind == .none {
                    values = Array(repeating: zero, count: parts[index].count)
                } else if let other = converted(parts[index]) {
                    values = other
                } else {
                    // Moved out, so `all` is the only owner and grows in place.
                    values = parts[index][keyPath: storage]
                    parts[index][keyPath: storage] = []
                }
                if index == 0 {
                    all = values
                } else {
                    all.append(contentsOf: values)
                    // The allocator would keep these pages once freed; the first part grew
                    // into new ones meanwhile, so give them back now.
                    HugePages.returnPages(of: &values)
                }
                values = []
            }
            return all
        }
        switch type {
        case .int: return (Column(.int(joined(\.ints, zero: 0)), validity: validity), [])
        case .float:
            let floats = joined(\.floats, zero: 0) { $0.kind == .typed(.int) ? $0.ints.map(Double.init) : nil }
            return (Column(.float(floats), validity: validity), [])
        case .bool: return (Column(.bool(joined(\.bools, zero: false)), validity: validity), [])
        case .date: return (Column(.date(joined(\.dates, zero: 0)), validity: validity), [])
        case .string:
            guard let first = parts.firstIndex(where: { $0.kind != .none }) else {
                return (Column(.string(codes: [UInt32](repeating: 0, count: total), dictionary: .empty), validity: validity), [])
            }
            // Later parts' strings join the first typed part's dictionary, their codes mapped;
            // an entry first seen in a later part first appears where that part saw it.
            var dictionary = parts[first].dictionary
            var firstOffsets = parts[first].firstOffsets
            let codes = joined(\.codes, zero: 0) { part in
                guard part.kind != .none, part.dictionary.count > 0 else { return nil }
                let built = part.dictionary.build()
                let map = (0..<built.count).map { entry in
                    let code = dictionary.code(for: built.bytes(of: UInt32(entry)))
                    if Int(code) == firstOffsets.count { firstOffsets.append(part.firstOffsets[entry]) }
                    return code
                }
                // The first typed part's codes are already its own.
                if map.enumerated().allSatisfy({ $0.offset == Int($0.element) }) { return nil }
                return part.codes.map { map[Int($0)] }
            }
            return (Column(.string(codes: codes, dictionary: dictionary.build()), validity: validity), firstOffsets)
        }
    }
}
