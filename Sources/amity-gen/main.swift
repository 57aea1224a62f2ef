import Columnar
import Glibc
import Synthetic

// Writes the seeded synthetic benchmark tables as CSV: aid.csv and cities.csv.
// Usage: amity-gen --rows N --out DIR [--seed S]
// Clearly synthetic (syn-city-*, syn-country-*): never mixed into datasets/.

/// A message on standard error, then exit 2 (Swift 6 forbids the shared `stderr` global).
func fail(_ message: String) -> Never {
    let bytes = Array(message.utf8)
    _ = bytes.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(2)
}

var rows = 1_000_000
var output = "bench/out/data"
var seed: UInt64 = 42
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else {
        fail("amity-gen: \(flag) needs a value\n")
    }
    switch flag {
    case "--rows": rows = Int(value) ?? -1
    case "--out": output = value
    case "--seed": seed = UInt64(value) ?? 42
    default:
        fail("usage: amity-gen --rows N --out DIR [--seed S]\n")
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
