import Foundation

// Writes a Swift source holding each CSV file's text as a raw string literal.
// Usage: amity-embed OUTPUT.swift FILE.csv...   (run by the EmbedDatasets build plugin)

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: amity-embed OUTPUT.swift FILE.csv...\n".utf8))
    exit(2)
}
// A delimiter no CSV file contains, so the text goes in unchanged.
let delimiter = String(repeating: "#", count: 8)
var source = "// Generated at build time from datasets/*.csv by amity-embed. Do not edit.\n\n"
source += "let embeddedDatasets: [(name: String, text: String)] = [\n"
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        FileHandle.standardError.write(Data("amity-embed: cannot read \(path) as UTF-8; rebuild datasets/ (see datasets/README.md)\n".utf8))
        exit(1)
    }
    guard !text.contains("\"\"\"" + delimiter), !text.contains("\r") else {
        FileHandle.standardError.write(Data("amity-embed: \(path) cannot be embedded as a raw string\n".utf8))
        exit(1)
    }
    let name = url.deletingPathExtension().lastPathComponent
    source += "    (\"\(name)\", \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter)),\n"
}
source += "]\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
