import Columnar
import Foundation

// Writes a Swift source holding each bundled CSV file as a parsed table image (see
// TableImage): start-up then copies columns instead of parsing CSV.
// Usage: amity-embed OUTPUT.swift FILE.csv...   (run by the EmbedDatasets build plugin)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("amity-embed: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: amity-embed OUTPUT.swift FILE.csv...\n".utf8))
    exit(2)
}
// A delimiter no dictionary text contains, so the text goes in unchanged.
let delimiter = String(repeating: "#", count: 8)
var source = "// Generated at build time from datasets/*.csv by amity-embed. Do not edit.\n\nimport Columnar\n\n"
source += "let embeddedImages: [(name: String, image: EmbeddedImage)] = [\n"
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    guard let bytes = try? Data(contentsOf: url) else { fail("cannot read \(path)") }
    let table: Table
    do {
        table = try CSVReader().read(Array(bytes))
    } catch let error as DataFileError {
        fail("\(path):\(error.line):\(error.column): \(error.message); rebuild datasets/ (see datasets/README.md)")
    }
    let image = TableImage(table)
    let text = String(decoding: image.text, as: UTF8.self)
    guard Array(text.utf8) == image.text, !text.contains("\"\"\"" + delimiter), !text.contains("\r"),
          !text.contains("\\" + delimiter) else { fail("\(path) cannot be embedded as a raw string") }
    let columns = image.layout.map { column in
        "(\(String(reflecting: column.name)), .\(column.type), \(column.hasNulls), \(column.entries))"
    }
    let name = url.deletingPathExtension().lastPathComponent
    source += "    (\"\(name)\", EmbeddedImage(\n"
    source += "        rowCount: \(image.rowCount),\n"
    source += "        columns: [\n" + columns.map { "            \($0),\n" }.joined() + "        ],\n"
    source += "        text: \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter),\n"
    source += "        binary: \"\(Data(image.binary).base64EncodedString())\"\n"
    source += "    )),\n"
}
source += "]\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
