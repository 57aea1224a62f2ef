import Columnar

/// Gathers (values read at a list of row numbers) with the rows split across threads: each
/// part writes its own slice of the result.
public enum Gather {
    /// `source` read at each of `rows`; a negative row (allowed only with a `filler`) reads
    /// as the filler.
    public static func values<T>(_ source: [T], at rows: [Int32], filler: T? = nil, threads: Int) -> [T] {
        guard !rows.isEmpty else { return [] }
        return source.withUnsafeBufferPointer { source in
            rows.withUnsafeBufferPointer { rows in
                [T](unsafeUninitializedCapacity: rows.count) { out, initialized in
                    let base = out.baseAddress!
                    Parallel.run(Parallel.ranges(rows.count, threads: threads)) { _, range in
                        if let filler {
                            for index in range {
                                let row = Int(rows[index])
                                (base + index).initialize(to: row < 0 ? filler : source[row])
                            }
                        } else {
                            for index in range { (base + index).initialize(to: source[Int(rows[index])]) }
                        }
                    }
                    initialized = rows.count
                }
            }
        }
    }

    /// Which of `rows` have a value: the row exists (is not negative) and is valid in
    /// `validity` (nil: every row is). Nil when all of them do.
    public static func validity(_ validity: Bitmap?, at rows: [Int32], missing: Bool, threads: Int) -> Bitmap? {
        guard validity != nil || missing else { return nil }
        let wordCount = (rows.count + 63) / 64
        let words = rows.withUnsafeBufferPointer { rows in
            [UInt64](unsafeUninitializedCapacity: wordCount) { words, initialized in
                // Whole words per part, so no two parts write one word.
                let parts = Parallel.ranges(rows.count, threads: threads).map { range in
                    range.lowerBound / 64..<(range.upperBound == rows.count ? wordCount : range.upperBound / 64)
                }
                Parallel.run(parts) { _, wordRange in
                    for wordIndex in wordRange {
                        var word: UInt64 = 0
                        for index in wordIndex * 64..<min(wordIndex * 64 + 64, rows.count) {
                            let row = Int(rows[index])
                            let present = row >= 0 && validity?[row] != false
                            word |= (present ? 1 : 0) << UInt64(index & 63)
                        }
                        words[wordIndex] = word
                    }
                }
                initialized = wordCount
            }
        }
        return Bitmap(words: words, count: rows.count)
    }
}

extension Column {
    /// The rows at `rows`, in that order; with `missing`, a row of -1 reads as null (the
    /// right side of a left join where nothing matched).
    public func gather(_ rows: [Int32], missing: Bool, threads: Int) -> Column {
        guard count > 0 || !missing else { return Column.nulls(type, count: rows.count) }
        let validity = Gather.validity(validity, at: rows, missing: missing, threads: threads)
        func pick<T>(_ array: [T], _ filler: T) -> [T] {
            Gather.values(array, at: rows, filler: missing ? filler : nil, threads: threads)
        }
        switch values {
        case .int(let array): return Column(.int(pick(array, 0)), validity: validity)
        case .float(let array): return Column(.float(pick(array, 0)), validity: validity)
        case .bool(let array): return Column(.bool(pick(array, false)), validity: validity)
        case .date(let array): return Column(.date(pick(array, 0)), validity: validity)
        case .string(let codes, let dictionary):
            return Column(.string(codes: pick(codes, 0), dictionary: dictionary), validity: validity)
        }
    }
}
