import Columnar
import Glibc
import Synthetic

// Writes the seeded synthetic benchmark tables as CSV: aid.csv and cities.csv, or with --groupby the
// group-by table groupby.csv alone (the db-benchmark shape, see GroupByData).
// Usage: amity-gen --rows N --out DIR [--seed S] [--groupby]
// Clearly synthetic (syn-city-*, syn-country-*; id001, id0000000001): never mixed into datasets/.

/// A message on standard error, then exit 2 (Swift 6 forbids the shared `stderr` global).
func fail(_ message: String) -> Never {
    let bytes = Array(message.utf8)
    _ = bytes.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(2)
}

var rows = 1_000_000
var output = "bench/out/data"
var seed: UInt64 = 42
var groupBy = false
let usage = "usage: amity-gen --rows N --out DIR [--seed S] [--groupby]\n"
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--groupby" {
        groupBy = true
        continue
    }
    guard ["--rows", "--out", "--seed"].contains(flag) else {
        fail(usage)
    }
    guard let value = arguments.popFirst() else {
        fail("amity-gen: \(flag) needs a value\n")
    }
    switch flag {
    case "--rows": rows = Int(value) ?? -1
    case "--out": output = value
    case "--seed": seed = UInt64(value) ?? 42
    default:
        fail(usage)
    }
}
guard rows >= 0 else {
    fail("amity-gen: --rows needs a whole number\n")
}
mkdir(output, 0o755)

/// Appends a table's rows as CSV text (the synthetic values need no quoting).
func write(_ table: Table, to file: UnsafeMutablePointer<FILE>, header: Bool) {
    if header { fputs(table.names.joined(separator: ",") + "\n", file) }
    var line = ""
    for row in 0..<table.rowCount {
        line.removeAll(keepingCapacity: true)
        for (index, column) in table.columns.enumerated() {
            if index > 0 { line += "," }
            let value = column[row]
            if !value.isNull { line += value.description }
        }
        line += "\n"
        fputs(line, file)
    }
}

/// Appends a table's rows as CSV text straight from its typed columns: no boxed values, so ten million rows
/// take seconds. The text is that of `write` (ints in decimal, floats in `FloatFormat.shortest`, strings as
/// they are, dates as YYYY-MM-DD, nulls empty).
func writeTyped(_ table: Table, to file: UnsafeMutablePointer<FILE>, header: Bool) {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 22)
    if header { out += Array((table.names.joined(separator: ",") + "\n").utf8) }
    // Each string column's dictionary entries as bytes, looked up by code.
    let entries: [[[UInt8]]?] = table.columns.map { column in
        guard case .string(_, let dictionary) = column.values else { return nil }
        return (0..<dictionary.count).map { Array(dictionary.bytes(of: UInt32($0))) }
    }
    var digits = [UInt8](repeating: 0, count: 20)
    func appendInt(_ value: Int64) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude, count = 0
        repeat {
            digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        while count > 0 {
            count -= 1
            out.append(digits[count])
        }
    }
    for row in 0..<table.rowCount {
        for (index, column) in table.columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if column.isNull(row) { continue }
            switch column.values {
            case .int(let values): appendInt(values[row])
            case .float(let values): out += Array(FloatFormat.shortest(values[row]).utf8)
            case .string(let codes, _): out += entries[index]![Int(codes[row])]
            case .bool, .date: out += Array(column[row].description.utf8)
            }
        }
        out.append(UInt8(ascii: "\n"))
        if out.count >= 1 << 22 {
            _ = out.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            out.removeAll(keepingCapacity: true)
        }
    }
    _ = out.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
}

if groupBy {
    var generator = GroupByData(seed: seed)
    guard let file = fopen(output + "/groupby.csv", "w") else {
        fail("amity-gen: cannot write to \(output)\n")
    }
    var written = 0
    repeat {
        let chunk = min(1_000_000, rows - written)
        writeTyped(generator.rows(chunk), to: file, header: written == 0)
        written += chunk
    } while written < rows
    fclose(file)
    print("wrote \(output)/groupby.csv (\(rows) rows)")
    exit(0)
}

var generator = SyntheticData(seed: seed)
guard let citiesFile = fopen(output + "/cities.csv", "w"), let aidFile = fopen(output + "/aid.csv", "w") else {
    fail("amity-gen: cannot write to \(output)\n")
}
write(generator.cities(), to: citiesFile, header: true)
fclose(citiesFile)
var written = 0
while written < rows || written == 0 {
    let chunk = min(1_000_000, rows - written)
    write(generator.aid(rows: chunk, firstID: Int64(written + 1)), to: aidFile, header: written == 0)
    written += chunk
    if chunk == 0 { break }
}
fclose(aidFile)
print("wrote \(output)/aid.csv (\(rows) rows) and \(output)/cities.csv (\(generator.cityCount) rows)")
