/// Typed values derived from dates as the sources write them. The text itself is always kept
/// (`date_text`); a date or year is derived only where the text is unambiguous.
enum DateText {
    /// A single day: `YYYY-MM-DD`, optionally followed by a parenthesised remark about that
    /// day (`2020-03-02 (arrived)`). Ranges (`2019-11-05..09`), open ends (`2020-03-31 onward`)
    /// and months are not single days.
    static func singleDay(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        let head = String(trimmed.prefix(10))
        guard isISODate(head) else { return nil }
        let rest = trimmed.dropFirst(10)
        if rest.isEmpty { return head }
        if rest.hasPrefix(" (") && rest.hasSuffix(")") && !rest.dropFirst(2).contains("(") { return head }
        return nil
    }

    /// The year when the text names exactly one year (every four-digit number in it is the
    /// same year) and does not hedge it: `c.`, `likely`, `approx`, `year n/s`, `not stated`
    /// give nil, and so do spans of several years (`1973-1978`, `2014..2016-H1`).
    static func year(_ text: String) -> Int? {
        let lower = text.lowercased()
        for hedge in ["likely", "approx", "n/s", "not stated", "planned"] where lower.contains(hedge) { return nil }
        if hasCircaMark(lower) { return nil }
        var years: [Int] = []
        var run = ""
        for character in lower + " " {
            if character >= "0" && character <= "9" {
                run.append(character)
                continue
            }
            if run.count == 4, let value = Int(run), value >= 1900, value <= 2100 { years.append(value) }
            run = ""
        }
        guard let first = years.first, years.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// `c.` as a word of its own (`c. 2010-11`, `(c.2020)`), not the end of `Dec.`.
    private static func hasCircaMark(_ lower: String) -> Bool {
        let characters = Array(lower)
        for index in characters.indices.dropLast() where characters[index] == "c" && characters[index + 1] == "." {
            if index == 0 || characters[index - 1] == " " || characters[index - 1] == "(" { return true }
        }
        return false
    }

    /// `YYYY-MM-DD` with a real month and day.
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month)
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
