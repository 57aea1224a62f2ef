/// Whole numbers with a comma every three digits, as the table view, `explain`, messages and
/// charts write them: one rule, one place.
public enum Thousands {
    /// `digits` (a run of decimal digits, no sign) with a comma every three from the right.
    public static func separated(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// `value` with separators; `negative` writes a minus even for 0 (a float between -1 and 0).
    public static func grouped(_ value: Int64, negative: Bool = false) -> String {
        (value < 0 || negative ? "-" : "") + separated(String(value.magnitude))
    }
}
