import Synchronization

/// Why an inferred column stayed text when most of its values look like numbers: the first
/// value that is not one, or a zero-padded code. Worked out per distinct string, then counted
/// over the rows, once the column is loaded.
enum TextNote {
    /// The note for a loaded text column, or nil. `firstOffsets` says where in the input each
    /// entry first appears, and `line` turns such an offset into a line (it reads the input,
    /// so it is asked once at most).
    static func note(for column: Column, firstOffsets: [Int], line: (Int) -> Int) -> String? {
        guard case .string(let codes, let dictionary) = column.values, firstOffsets.count == dictionary.count else { return nil }
        // Per entry: 0 empty (not a value), 1 a number, 2 a zero-padded number, 3 text.
        let kinds: [UInt8] = (0..<dictionary.count).map { code in
            dictionary.withBytes(of: UInt32(code)) { text in
                if text.isEmpty { return 0 }
                guard ValueParsing.looksDecimal(text) else { return 3 }
                return text.count > 1 && text[0] == 0x30 && text[1] != UInt8(ascii: ".") ? 2 : 1
            }
        }
        guard kinds.contains(where: { $0 == 1 || $0 == 2 }) else { return nil }
        var total = 0, numeric = 0
        for (row, code) in codes.enumerated() where !column.isNull(row) {
            let kind = kinds[Int(code)]
            if kind == 0 { continue }
            total += 1
            if kind != 3 { numeric += 1 }
        }
        guard total > 0, numeric * 2 >= total else { return nil }
        // The rows are in file order, so the entry that appears first is the first row's.
        func earliest(_ kind: UInt8) -> Int? {
            kinds.indices.filter { kinds[$0] == kind }.min { firstOffsets[$0] < firstOffsets[$1] }
        }
        func shown(_ code: Int) -> String { String(decoding: dictionary.bytes(of: UInt32(code)).prefix(40), as: UTF8.self) }
        if let text = earliest(3) {
            return "text: \(numeric) of \(total) values are numbers, but line \(line(firstOffsets[text])) has '\(shown(text))'"
        }
        if let padded = earliest(2) { return "text: zero-padded codes such as '\(shown(padded))' keep their zeros" }
        return nil
    }
}

/// Tells the threads of a load reading later parts of the file to give up, once a part
/// before theirs has failed (its error comes first) or the load was cancelled.
final class LoadStop: Sendable {
    struct Stopped: Error {}

    /// The lowest part whose threads went on after a failure; Int.max while all is well.
    private let firstFailed = Atomic<Int>(Int.max)

    /// Parts after `part` are not needed any more.
    func stop(after part: Int) { firstFailed.min(part, ordering: .relaxed) }

    func isStopped(before part: Int) -> Bool { firstFailed.load(ordering: .relaxed) < part }
}
