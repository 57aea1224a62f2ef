/// Spelling-insensitive keys and ids for place names: `Ōita` and `Oita` are one place,
/// `Cegléd` gets the id `hu-cegled`. Deterministic and independent of locale.
enum TextNormalization {
    /// Latin letters with diacritics (and a few ligatures) as plain ASCII. The names in the
    /// sources only use Latin script; `slug` fails on any letter missing here, so a new
    /// source spelling is noticed instead of silently dropped from an id.
    static let latinFolds: [Character: String] = {
        var table: [Character: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåāăąǎạảấầẩẫậắằẳẵặ", "a"), ("çćĉċč", "c"), ("ďđ", "d"),
            ("èéêëēĕėęěẹẻẽếềểễệ", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįıǐịỉ", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"),
            ("ñńņňŉ", "n"), ("òóôõöøōŏőǒơọỏốồổỗộớờởỡợ", "o"), ("ŕŗř", "r"),
            ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűųǔưụủứừửữự", "u"),
            ("ŵ", "w"), ("ýÿŷỳỹ", "y"), ("źżž", "z"), ("ð", "d"), ("þ", "th"),
        ]
        for (letters, plain) in groups {
            for letter in letters {
                table[letter] = plain
                let upper = letter.uppercased()
                if upper.count == 1, let capital = upper.first, !capital.isASCII { table[capital] = plain }
            }
        }
        table["İ"] = "i"
        for (letter, plain) in [("ß", "ss"), ("æ", "ae"), ("Æ", "ae"), ("œ", "oe"), ("Œ", "oe")] {
            table[Character(letter)] = plain
        }
        // Dashes and typographic apostrophes read as their ASCII forms.
        for dash in ["–", "—", "‐", "‑"] { table[Character(dash)] = "-" }
        for quote in ["’", "‘", "ʻ", "ʼ"] { table[Character(quote)] = "'" }
        return table
    }()

    /// Lower-case ASCII spelling of `text` with diacritics removed; characters the table does
    /// not know are kept (lower-cased).
    static func folded(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isASCII {
                out += character.lowercased()
            } else if let plain = latinFolds[character] {
                out += plain
            } else {
                out += character.lowercased()
            }
        }
        return out
    }

    /// A key for matching names across sources: folded, letters and digits only
    /// (`St. Louis` -> `stlouis`, `Huai'an` -> `huaian`, `Ōita` -> `oita`).
    static func matchKey(_ text: String) -> String {
        String(folded(text).filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") })
    }

    /// The id part for a name: folded, apostrophes dropped, runs of other characters as one
    /// hyphen (`Benito Juárez` -> `benito-juarez`, `Xi'an` -> `xian`).
    static func slug(_ text: String) throws -> String {
        var out = ""
        var pendingHyphen = false
        for character in folded(text) {
            if character == "'" { continue }
            if (character >= "a" && character <= "z") || (character >= "0" && character <= "9") {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.append(character)
            } else if character.isASCII {
                pendingHyphen = true
            } else {
                throw BuildError("no ASCII spelling for '\(character)' in '\(text)': add it to TextNormalization.latinFolds")
            }
        }
        guard !out.isEmpty else { throw BuildError("empty id slug for '\(text)'") }
        return out
    }

    /// Splits `Kansas City (Missouri)` into `Kansas City` and `Missouri`; nil when the text has
    /// no trailing parenthesis.
    static func trailingParenthesis(_ text: String) -> (base: String, inner: String)? {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        let base = text[..<open].trimmingSpaces()
        let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        return base.isEmpty ? nil : (base, inner)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
