/// The characters on which PostgreSQL's text functions give Amity's answers, as regular
/// expression classes for a guard: text holding any other character is refused where the
/// query meets it (``SQLFailure``), never answered otherwise.
///
/// Amity counts characters as a reader sees them (grapheme clusters), PostgreSQL counts code
/// points: they agree on text in which no code point joins the one before it. Amity maps
/// case by Unicode's full rules, PostgreSQL by its locale's (under `COLLATE "C"`, ASCII
/// only): they agree on ASCII letters and on characters without case.
enum SQLCharacters {
    /// Blocks whose characters stand alone, once marks, format characters, unassigned code
    /// points and the few joining letters are taken out: Latin, Greek, Cyrillic, Hebrew,
    /// Arabic, punctuation, symbols, CJK, kana and Hangul syllables. Scripts whose letters
    /// join (Brahmic, Thai, Hangul jamo) are left out whole.
    private static let blocks: [ClosedRange<UInt32>] = [
        0x0001...0x02FF, 0x0370...0x05FF, 0x0600...0x06FF, 0x1E00...0x1FFF, 0x2000...0x2BFF,
        0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFF00...0xFFEF, 0x20000...0x2FA1F,
    ]

    /// Whether a code point never joins the one before or after it in a grapheme cluster.
    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .surrogate, .unassigned, .privateUse: return false
        default: break
        }
        // CR joins a following LF; halfwidth voiced marks and emoji modifiers extend.
        return scalar != "\r" && !properties.isGraphemeExtend && !properties.isEmojiModifier
            && !(0xFF9E...0xFF9F).contains(scalar.value) && !(0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// Whether Amity's case mapping of a lone code point is PostgreSQL's under `COLLATE "C"`:
    /// ASCII, and characters that have no case.
    private static func mapsAlike(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return true }
        let text = String(scalar)
        return text.uppercased() == text && text.lowercased() == text
    }

    /// A bracket expression matching any character outside the ones that count alike.
    static let notCountedAlike = bracket { standsAlone($0) }

    /// A bracket expression matching any character outside the ones that map alike under "C".
    static let notMappedAlikeInASCII = bracket { standsAlone($0) && mapsAlike($0) }

    /// A bracket expression matching the characters ICU's root collation may map otherwise:
    /// those newer than Unicode 14 (the ICU beside PostgreSQL 15 may not know them), and
    /// capital sigma, which ICU lowers to ς at a word's end and Amity always to σ. Amity and
    /// ICU both map the rest by Unicode's full rules (ß to SS, İ to i and a combining dot);
    /// unassigned and private characters map to themselves in both.
    static let notMappedAlikeByICU: String = {
        let newer = escapedRanges(in: 0x1...0x10FFFF) { scalar in
            guard let age = scalar.properties.age else { return false }
            return age.major > 14 || (age.major == 14 && age.minor > 0)
        }
        return "[\\u03A3" + newer + "]"
    }()

    /// `[^...]` of the code points in ``blocks`` that pass `test`, as ranges of escapes.
    private static func bracket(_ test: (Unicode.Scalar) -> Bool) -> String {
        "[^" + blocks.map { escapedRanges(in: $0, test) }.joined() + "]"
    }

    /// The code points of `block` that pass `test`, as ranges of escapes for a bracket.
    private static func escapedRanges(in block: ClosedRange<UInt32>, _ test: (Unicode.Scalar) -> Bool) -> String {
        var ranges: [ClosedRange<UInt32>] = []
        do {
            for value in block {
                guard let scalar = Unicode.Scalar(value), test(scalar) else { continue }
                if let last = ranges.last, last.upperBound + 1 == value {
                    ranges[ranges.count - 1] = last.lowerBound...value
                } else {
                    ranges.append(value...value)
                }
            }
        }
        func escape(_ value: UInt32) -> String {
            let hex = String(value, radix: 16, uppercase: true)
            return value > 0xFFFF ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return ranges.map { $0.count == 1 ? escape($0.lowerBound) : escape($0.lowerBound) + "-" + escape($0.upperBound) }.joined()
    }
}
