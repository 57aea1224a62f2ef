import Columnar

/// What a format writes for the cells that are not plain values.
struct CellForm: Sendable {
    var text: TextStyle
    /// The text of a null cell.
    var null: StaticString
    /// JSON's differences: a float that is not finite is `null`, and a date is a string.
    var isJSON: Bool

    static let csv = CellForm(text: .csv, null: "", isJSON: false)
    static let tsv = CellForm(text: .tsv, null: "", isJSON: false)
    static let markdown = CellForm(text: .markdown, null: "", isJSON: false)
    static let json = CellForm(text: .json, null: "null", isJSON: true)
    static let line = CellForm(text: .plain, null: "NULL", isJSON: false)
}

/// The entries of one string dictionary as one text style writes them, each escaped once.
struct RenderedEntries: Sendable {
    /// Entry `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    let bytes: [UInt8]
    let offsets: [Int]

    init(_ dictionary: StringDictionary, style: TextStyle) {
        let verbatim = dictionary.bytes.withUnsafeBufferPointer { all in
            (0..<dictionary.count).allSatisfy { code in
                style.isVerbatim(UnsafeBufferPointer(rebasing: all[dictionary.offsets[code]..<dictionary.offsets[code + 1]]))
            }
        }
        // Most dictionaries need no escaping at all: their own storage is shared, not copied.
        if verbatim {
            bytes = dictionary.bytes
            offsets = dictionary.offsets
            return
        }
        var out = OutputBuffer(capacity: dictionary.bytes.count + 2 * dictionary.count + 16)
        var offsets = [0]
        offsets.reserveCapacity(dictionary.count + 1)
        dictionary.bytes.withUnsafeBufferPointer { all in
            for code in 0..<dictionary.count {
                style.append(UnsafeBufferPointer(rebasing: all[dictionary.offsets[code]..<dictionary.offsets[code + 1]]), to: &out)
                offsets.append(out.count)
            }
        }
        bytes = Array(out.bytes)
        self.offsets = offsets
    }
}

/// One column made ready to write: its values, and for a string column the escaped text of
/// its dictionary's entries. Immutable, so threads may write different rows at once.
struct ColumnCells: Sendable {
    let column: Column
    let form: CellForm
    /// Nil for a string column whose dictionary is much larger than the rows written (a
    /// filtered table shares its source's dictionary): its rows are escaped one by one.
    let entries: RenderedEntries?
    /// For a date column whose days span a short stretch: each day's text, made once.
    let days: DayTexts?

    /// `cache` keeps the entries of dictionaries already rendered, for columns that share one.
    init(_ column: Column, form: CellForm, rowCount: Int, cache: inout [ObjectIdentifier: RenderedEntries]) {
        self.column = column
        self.form = form
        if case .date(let values) = column.values { days = DayTexts(values) } else { days = nil }
        guard case .string(_, let dictionary) = column.values,
              dictionary.count <= max(4_096, 2 * rowCount) else {
            entries = nil
            return
        }
        if let known = cache[ObjectIdentifier(dictionary)] {
            entries = known
        } else {
            let rendered = RenderedEntries(dictionary, style: form.text)
            cache[ObjectIdentifier(dictionary)] = rendered
            entries = rendered
        }
    }

    /// Appends the cells of `rows` back to back; `ends[i]` is where the cell of the i-th row
    /// of `rows` ends in `cells`.
    func append(rows: Range<Int>, to cells: inout OutputBuffer, ends: UnsafeMutablePointer<Int>) {
        let form = form
        switch column.values {
        case .int(let values):
            forEachCell(values, rows, &cells, ends) { value, out in out.appendDecimal(value) }
        case .float(let values):
            forEachCell(values, rows, &cells, ends) { value, out in
                if form.isJSON && !value.isFinite { out.append(form.null) } else { out.appendFloat(value) }
            }
        case .bool(let values):
            forEachCell(values, rows, &cells, ends) { value, out in out.append(value ? "true" as StaticString : "false") }
        case .date(let values):
            if let days {
                days.texts.withUnsafeBufferPointer { texts in
                    let base = texts.baseAddress!, firstDay = Int(days.firstDay)
                    forEachCell(values, rows, &cells, ends) { day, out in
                        if form.isJSON { out.append(0x22) }
                        out.append(base + (Int(day) - firstDay) * DayTexts.width, count: DayTexts.width)
                        if form.isJSON { out.append(0x22) }
                    }
                }
            } else {
                forEachCell(values, rows, &cells, ends) { day, out in
                    if form.isJSON { out.append(0x22) }
                    out.appendDate(days: day)
                    if form.isJSON { out.append(0x22) }
                }
            }
        case .string(let codes, let dictionary):
            if let entries {
                appendStrings(codes, entries.bytes, entries.offsets, rows, &cells, ends) { text, out in out.append(text) }
            } else {
                let style = form.text
                appendStrings(codes, dictionary.bytes, dictionary.offsets, rows, &cells, ends) { text, out in
                    style.append(text, to: &out)
                }
            }
        }
    }

    /// The string cells: each row's code picks its entry's bytes.
    @inline(__always)
    private func appendStrings(_ codes: [UInt32], _ bytes: [UInt8], _ offsets: [Int], _ rows: Range<Int>,
                               _ cells: inout OutputBuffer, _ ends: UnsafeMutablePointer<Int>,
                               _ write: (UnsafeBufferPointer<UInt8>, inout OutputBuffer) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                let entryCount = offsets.count - 1
                forEachCell(codes, rows, &cells, ends) { code, out in
                    let entry = Int(code)
                    // Every code names an entry; a broken one stops here, never reads past the block.
                    precondition(entry < entryCount, "string code outside its dictionary")
                    write(UnsafeBufferPointer(rebasing: bytes[offsets[entry]..<offsets[entry + 1]]), &out)
                }
            }
        }
    }

    /// Calls `write` for each row of `rows` that has a value and writes the null text for
    /// the others, recording where each cell ends.
    @inline(__always)
    private func forEachCell<Element>(_ values: [Element], _ rows: Range<Int>, _ cells: inout OutputBuffer,
                                      _ ends: UnsafeMutablePointer<Int>,
                                      _ write: (Element, inout OutputBuffer) -> Void) {
        let null = form.null
        values.withUnsafeBufferPointer { values in
            var position = 0
            if let validity = column.validity {
                validity.words.withUnsafeBufferPointer { words in
                    for row in rows {
                        if words[row &>> 6] & (1 &<< UInt64(row & 63)) != 0 {
                            write(values[row], &cells)
                        } else {
                            cells.append(null)
                        }
                        ends[position] = cells.count
                        position &+= 1
                    }
                }
            } else {
                for row in rows {
                    write(values[row], &cells)
                    ends[position] = cells.count
                    position &+= 1
                }
            }
        }
    }
}

/// The `YYYY-MM-DD` text of every day from a date column's first to its last, made once when
/// that stretch is short beside the rows (dates in data cluster in a few years): a row then
/// copies ten bytes instead of working out the calendar.
struct DayTexts: Sendable {
    static let width = 10
    let firstDay: Int32
    /// Day `firstDay + i` is `texts[i * width..<(i + 1) * width]`.
    let texts: [UInt8]

    init?(_ values: [Int32]) {
        guard let low = values.min(), let high = values.max() else { return nil }
        let span = Int(high) - Int(low) + 1
        // Years 0 to 9999 have exactly ten bytes of text.
        guard span <= values.count / 4, DateFormat.civil(fromDays: low).year >= 0,
              DateFormat.civil(fromDays: high).year <= 9_999 else { return nil }
        var out = OutputBuffer(capacity: span * Self.width)
        for day in Int(low)...Int(high) { out.appendDate(days: Int32(day)) }
        firstDay = low
        texts = Array(out.bytes)
    }
}
