import Columnar

/// The scalar functions' rows of the registry, by family, in the order `.help` lists them.
extension FunctionRegistry {
    static let textFunctions: [FunctionInfo] = [
        scalar(.lower, "lower(s: string) -> string", "lower-case letters (Unicode)", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.upper, "upper(s: string) -> string", "upper-case letters (Unicode)", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.len, "len(s: string) -> int", "length in characters", arity: 1...1) { all($0, are: .string) ? .int : nil },
        scalar(.trim, "trim(s: string) -> string", "without leading and trailing white space", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.contains, "contains(s: string, part: string) -> bool", "whether s contains part", arity: 2...2) { all($0, are: .string, .string) ? .bool : nil },
        scalar(.startswith, "startswith(s: string, prefix: string) -> bool", "whether s starts with prefix", arity: 2...2) { all($0, are: .string, .string) ? .bool : nil },
        scalar(.endswith, "endswith(s: string, suffix: string) -> bool", "whether s ends with suffix", arity: 2...2) { all($0, are: .string, .string) ? .bool : nil },
        scalar(.replace, "replace(s: string, from: string, to: string) -> string", "every occurrence of from replaced by to", arity: 3...3) { all($0, are: .string, .string, .string) ? .string : nil },
        scalar(.substr, "substr(s: string, start: int[, length: int]) -> string", "characters from start (1-based), optionally only length of them", arity: 2...3) {
            all($0, are: .string, .int) || all($0, are: .string, .int, .int) ? .string : nil
        },
        scalar(.concat, "concat(a, b, ...) -> string", "the arguments as text, joined", arity: 1...64, nulls: "null arguments are skipped") { _ in .string },
        scalar(.matches, "matches(s: string, pattern: string) -> bool", "whether the regular expression matches somewhere in s", arity: 2...2) {
            all($0, are: .string, .string) ? .bool : nil
        },
        scalar(.extract, "extract(s: string, pattern: string[, group: int]) -> string", "the first match of the regular expression, or its group (1, 2, ...)", arity: 2...3,
               nulls: "null if any argument is null, and when nothing matches (or the group took no part)") {
            all($0, are: .string, .string) || all($0, are: .string, .string, .int) ? .string : nil
        },
        scalar(.regexReplace, "regex_replace(s: string, pattern: string, with: string) -> string", "every match replaced; $1 in with is group 1, $0 the match, $$ a dollar", arity: 3...3) {
            all($0, are: .string, .string, .string) ? .string : nil
        },
        scalar(.splitPart, "split_part(s: string, separator: string, index: int) -> string", "part index (1-based; negative counts from the end) of s split at separator; \"\" past the parts", arity: 3...3) {
            all($0, are: .string, .string, .int) ? .string : nil
        },
        scalar(.strpos, "strpos(s: string, part: string) -> int", "the position in characters (1-based) of the first part in s, 0 when absent", arity: 2...2) {
            all($0, are: .string, .string) ? .int : nil
        },
        scalar(.left, "left(s: string, n: int) -> string", "the first n characters (all but the last -n when n is negative)", arity: 2...2) { all($0, are: .string, .int) ? .string : nil },
        scalar(.right, "right(s: string, n: int) -> string", "the last n characters (all but the first -n when n is negative)", arity: 2...2) { all($0, are: .string, .int) ? .string : nil },
        scalar(.lpad, "lpad(s: string, length: int, fill: string) -> string", "s cut or padded on the left with fill to length characters", arity: 3...3) {
            all($0, are: .string, .int, .string) ? .string : nil
        },
        scalar(.rpad, "rpad(s: string, length: int, fill: string) -> string", "s cut or padded on the right with fill to length characters", arity: 3...3) {
            all($0, are: .string, .int, .string) ? .string : nil
        },
        scalar(.reverse, "reverse(s: string) -> string", "the characters in reverse order", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.format, "format(template: string, a, b, ...) -> string", "the template with each {} replaced by the next value as text ({{ and }} for braces)", arity: 1...64,
               nulls: "a null value is written as null") { $0.first == .string ? .string : nil },
    ]

    static let mathFunctions: [FunctionInfo] = [
        scalar(.abs, "abs(x: int|float) -> same", "absolute value", arity: 1...1) { numeric($0) ? $0[0] : nil },
        scalar(.round, "round(x: int|float[, digits: int]) -> x's type (float with digits)", "rounded half away from zero, to digits after the point", arity: 1...2) {
            $0.first?.isNumeric == true && ($0.count == 1 || $0[1] == .int) ? ($0[0] == .int && $0.count == 1 ? .int : .float) : nil
        },
        scalar(.floor, "floor(x: int|float) -> x's type", "largest whole number not above x", arity: 1...1) { numeric($0) ? $0[0] : nil },
        scalar(.ceil, "ceil(x: int|float) -> x's type", "smallest whole number not below x", arity: 1...1) { numeric($0) ? $0[0] : nil },
        scalar(.sqrt, "sqrt(x: float) -> float", "square root (NaN below zero)", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.pow, "pow(x: float, y: float) -> float", "x to the power y", arity: 2...2) { numeric($0) ? .float : nil },
        scalar(.ln, "ln(x: float) -> float", "natural logarithm", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.log10, "log10(x: float) -> float", "base-10 logarithm", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.exp, "exp(x: float) -> float", "e to the power x", arity: 1...1) { numeric($0) ? .float : nil },
    ]

    static let dateFunctions: [FunctionInfo] = [
        scalar(.year, "year(d: date) -> int", "the year", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.month, "month(d: date) -> int", "the month, 1-12", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.day, "day(d: date) -> int", "the day of the month, 1-31", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.weekday, "weekday(d: date) -> int", "the ISO day of the week, 1 (Monday) to 7 (Sunday)", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.dateTrunc, "date_trunc(d: date, unit: \"decade\"|\"year\"|\"quarter\"|\"month\"|\"week\") -> date", "the first day of d's decade, year, quarter, month or ISO week", arity: 2...2) {
            all($0, are: .date, .string) ? .date : nil
        },
        scalar(.dateAdd, "date_add(d: date, n: int, unit: \"day\"|\"week\"|\"month\"|\"quarter\"|\"year\") -> date", "d moved by n units; a month-end day stays in its shorter month", arity: 3...3) {
            all($0, are: .date, .int, .string) ? .date : nil
        },
        scalar(.daysBetween, "days_between(a: date, b: date) -> int", "b minus a in days", arity: 2...2) { all($0, are: .date, .date) ? .int : nil },
        scalar(.today, "today() -> date", "the current date (UTC)", arity: 0...0, nulls: "never null") { _ in .date },
        scalar(.date, "date(s: string) -> date", "parses YYYY-MM-DD; an error for anything else", arity: 1...1) { all($0, are: .string) ? .date : nil },
        scalar(.strftime, "strftime(d: date, format: string) -> string", "d written in format: %Y %m %d and the other directives", arity: 2...2) {
            all($0, are: .date, .string) ? .string : nil
        },
        scalar(.parseDate, "parse_date(s: string, format: string) -> date", "s read as a date in format (the directives of strftime)", arity: 2...2,
               nulls: "null if any argument is null, and when s does not match the format") {
            all($0, are: .string, .string) ? .date : nil
        },
    ]

    static let logicFunctions: [FunctionInfo] = [
        scalar(.if, "if(condition: bool, then, else) -> then's type", "then where condition is true, else otherwise (also when it is null)", arity: 3...3, nulls: "a null condition picks else") { types in
            guard types[0] == .bool else { return nil }
            return commonType(types[1], types[2])
        },
        scalar(.case, "case(condition1: bool, value1, condition2: bool, value2, ..., otherwise) -> common type",
               "the value after the first true condition; otherwise (null if left out) when none is true", arity: 2...64,
               nulls: "a null condition counts as false") { types in
            let conditions = stride(from: 0, to: types.count - 1, by: 2).map { types[$0] }
            let values = stride(from: 1, to: types.count, by: 2).map { types[$0] } + (types.count % 2 == 1 ? [types.last!] : [])
            guard conditions.allSatisfy({ $0 == .bool }) else { return nil }
            return commonType(of: values)
        },
        scalar(.coalesce, "coalesce(a, b, ...) -> common type", "the first argument that is not null (also written a ?? b)", arity: 1...64, nulls: "null only when every argument is null") {
            commonType(of: $0)
        },
        scalar(.greatest, "greatest(a, b, ...) -> common type", "the largest argument, in sort order", arity: 1...64, nulls: "nulls are skipped; null only when every argument is null") {
            $0.contains(.bool) ? nil : commonType(of: $0)
        },
        scalar(.least, "least(a, b, ...) -> common type", "the smallest argument, in sort order", arity: 1...64, nulls: "nulls are skipped; null only when every argument is null") {
            $0.contains(.bool) ? nil : commonType(of: $0)
        },
        scalar(.nullif, "nullif(a, b) -> a's type", "null where a == b, else a", arity: 2...2, nulls: "null when a is null; a when b is null") {
            commonType($0[0], $0[1]) == nil ? nil : $0[0]
        },
        scalar(.int, "int(x) -> int", "x as an integer: floats truncate toward zero, strings must be whole numbers", arity: 1...1) { $0[0] == .date ? nil : .int },
        scalar(.float, "float(x) -> float", "x as a float; strings must be numbers", arity: 1...1) { $0[0] == .date || $0[0] == .bool ? nil : .float },
        scalar(.string, "string(x) -> string", "x as text, as Amity prints it", arity: 1...1) { _ in .string },
        scalar(.distanceKm, "distance_km(lat1, lon1, lat2, lon2: float) -> float", "great-circle distance in kilometres (mean Earth radius 6371.0088 km)", arity: 4...4) { numeric($0) ? .float : nil },
    ]
}
