import Columnar

/// Writes rows' normalized keys, or one slice of their bits, into records of `words` words,
/// with each row's position in the low bits of the last word (see ``SortRecord``).
///
/// It works a batch of rows at a time and a key at a time, so the switch on the column's
/// type happens once per batch and the loop over rows is a tight one of its type.
struct SortKeyEncoder {
    /// Where one field's code goes: `(code >> shift) & mask` shifted left by `placed` into
    /// word `word`. A field of up to 64 bits crosses at most one word boundary, so two pieces
    /// always suffice; an unused second piece has a zero mask.
    struct Placement {
        let field: SortKeyLayout.Field
        let word: Int
        let shift: UInt64
        let mask: UInt64
        let placed: UInt64
        let secondWord: Int
        let secondShift: UInt64
        let secondMask: UInt64
        let secondPlaced: UInt64
    }

    let layout: SortKeyLayout
    let words: Int
    let positionBits: Int
    private let placements: [Placement]

    /// An encoder of key bits `bits` (counted from the key's most significant bit) into
    /// records of `words` words, the positions taking `positionBits` bits (none: no position).
    init(_ layout: SortKeyLayout, bits: Range<Int>, words: Int, positionBits: Int) {
        precondition(bits.count + positionBits <= words * 64, "the key slice and the position fit the record")
        self.layout = layout
        self.words = words
        self.positionBits = positionBits
        var placements: [Placement] = []
        for field in layout.fields {
            let start = max(bits.lowerBound, field.offset), end = min(bits.upperBound, field.offset + field.bits)
            guard start < end else { continue }
            // The field's bits start..<end land at record bits start - lower..<end - lower,
            // counted from the top of word 0: at most two pieces, split at a word boundary.
            var pieces: [(word: Int, shift: UInt64, mask: UInt64, placed: UInt64)] = []
            var from = start - bits.lowerBound
            let to = end - bits.lowerBound
            while from < to {
                let pieceEnd = min(to, (from / 64 + 1) * 64)
                let width = pieceEnd - from
                pieces.append((word: from / 64,
                               shift: UInt64(field.offset + field.bits - (pieceEnd + bits.lowerBound)),
                               mask: width == 64 ? .max : (1 << UInt64(width)) - 1,
                               placed: UInt64((from / 64 + 1) * 64 - pieceEnd)))
                from = pieceEnd
            }
            let second = pieces.count > 1 ? pieces[1] : (word: pieces[0].word, shift: 0, mask: 0, placed: 0)
            placements.append(Placement(field: field, word: pieces[0].word, shift: pieces[0].shift, mask: pieces[0].mask,
                                        placed: pieces[0].placed, secondWord: second.word, secondShift: second.shift,
                                        secondMask: second.mask, secondPlaced: second.placed))
        }
        self.placements = placements
    }

    /// Writes the records of rows `rows` to `out` (`words` words per row, row-major),
    /// overwriting what was there.
    func encode(_ rows: Range<Int>, into out: UnsafeMutablePointer<UInt64>) {
        let stride = words
        out.update(repeating: 0, count: rows.count * stride)
        // Each field's codes first, in a loop of the column's type, then cut into the words:
        // two simple loops, where one doing both kept its shifts on the stack.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: rows.count) { codes in
            for placement in placements {
                self.codes(of: placement.field, rows, into: codes.baseAddress!)
                place(placement, codes.baseAddress!, count: rows.count, into: out)
            }
        }
        guard positionBits > 0 else { return }
        let lastWord = stride - 1
        for (index, row) in rows.enumerated() {
            out[index &* stride &+ lastWord] |= UInt64(row)
        }
    }

    /// ORs each code's pieces into its record.
    private func place(_ placement: Placement, _ codes: UnsafeMutablePointer<UInt64>, count: Int,
                       into out: UnsafeMutablePointer<UInt64>) {
        let stride = words
        let word = placement.word, shift = placement.shift, mask = placement.mask, placed = placement.placed
        for index in 0..<count {
            out[index &* stride &+ word] |= (codes[index] &>> shift & mask) &<< placed
        }
        guard placement.secondMask != 0 else { return }
        let word2 = placement.secondWord, shift2 = placement.secondShift, mask2 = placement.secondMask
        let placed2 = placement.secondPlaced
        for index in 0..<count {
            out[index &* stride &+ word2] |= (codes[index] &>> shift2 & mask2) &<< placed2
        }
    }

    /// The field's code for each row: its distance from the low end (from the high end when
    /// descending), the null code for a null; a null flag field codes a null as 1.
    private func codes(of field: SortKeyLayout.Field, _ rows: Range<Int>, into codes: UnsafeMutablePointer<UInt64>) {
        let column = layout.columns[field.key]
        if field.part == .nullFlag {
            guard let validity = column.validity else {
                codes.update(repeating: 0, count: rows.count)
                return
            }
            validity.words.withUnsafeBufferPointer { valid in
                for row in rows { codes[row &- rows.lowerBound] = valid[row &>> 6] &>> UInt64(row & 63) & 1 ^ 1 }
            }
            return
        }
        switch column.values {
        case .int(let values): values.withUnsafeBufferPointer { fill(field, rows, codes, $0, column.validity, OrderWord.int) }
        case .float(let values):
            values.withUnsafeBufferPointer { fill(field, rows, codes, $0, column.validity, OrderWord.float) }
        case .date(let values):
            values.withUnsafeBufferPointer { fill(field, rows, codes, $0, column.validity, OrderWord.date) }
        case .bool(let values):
            values.withUnsafeBufferPointer { fill(field, rows, codes, $0, column.validity, OrderWord.bool) }
        case .string(let stringCodes, _):
            layout.ranks[field.key].withUnsafeBufferPointer { ranks in
                stringCodes.withUnsafeBufferPointer { stringCodes in
                    fill(field, rows, codes, stringCodes, column.validity) { UInt64(ranks[Int($0)]) }
                }
            }
        }
    }

    @inline(__always)
    private func fill<T>(_ field: SortKeyLayout.Field, _ rows: Range<Int>, _ codes: UnsafeMutablePointer<UInt64>,
                         _ values: UnsafeBufferPointer<T>, _ validity: Bitmap?, _ order: (T) -> UInt64) {
        let low = field.low, span = field.span, nullCode = field.nullCode, descending = field.descending
        let first = rows.lowerBound
        if let validity {
            validity.words.withUnsafeBufferPointer { valid in
                for row in rows {
                    let distance = order(values[row]) &- low
                    let code = descending ? span &- distance : distance
                    let present = valid[row &>> 6] &>> UInt64(row & 63) & 1 != 0
                    codes[row &- first] = present ? code : nullCode
                }
            }
        } else if descending {
            for row in rows { codes[row &- first] = span &- (order(values[row]) &- low) }
        } else {
            for row in rows { codes[row &- first] = order(values[row]) &- low }
        }
    }
}
