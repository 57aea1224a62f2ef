import Foundation
import Testing

/// A golden file of terminal pictures: sections of
///
///     === case name
///     what is drawn (spec and data, in words)
///     --- picture
///     the expected text
///
/// `AMITY_RECORD=1 swift test --filter ChartsTests` rewrites the file from the cases as they
/// render now (then review the diff), like the project's other golden tests.
struct GoldenPictures {
    struct Section: Equatable {
        var name: String
        var description: String
        var picture: String
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil }

    static func parse(_ text: String) -> [Section] {
        var sections: [Section] = []
        var current: Section?
        var inPicture = false
        var lines: [String] = []
        func flush() {
            guard var section = current else { return }
            while lines.last == "" { lines.removeLast() }
            section.picture = lines.joined(separator: "\n")
            sections.append(section)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("=== ") {
                flush()
                current = Section(name: String(line.dropFirst(4)), description: "", picture: "")
                inPicture = false
                lines = []
            } else if !inPicture, line == "--- picture" {
                inPicture = true
            } else if inPicture {
                lines.append(line)
            } else if current != nil {
                current!.description += (current!.description.isEmpty ? "" : "\n") + line
            }
        }
        flush()
        return sections
    }

    static func trimmingBlankEnd(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func write(_ sections: [Section]) -> String {
        sections.map { "=== \($0.name)\n\($0.description)\n--- picture\n\($0.picture)\n" }.joined(separator: "\n")
    }

    /// Checks every case against `file`, or rewrites the file when recording.
    static func check(file: String, cases: [(name: String, description: String, render: @Sendable () -> String)]) throws {
        let url = folder.appendingPathComponent(file)
        // Blank lines at a picture's end (a map's empty south) do not survive the file's format.
        let actual = cases.map { Section(name: $0.name, description: $0.description, picture: trimmingBlankEnd($0.render())) }
        if recording {
            try write(actual).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = parse(try String(contentsOf: url, encoding: .utf8))
        let byName = Dictionary(expected.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for section in actual {
            guard let want = byName[section.name] else {
                Issue.record("\(file): no section '\(section.name)' (record with AMITY_RECORD=1)")
                continue
            }
            #expect(section.picture == want.picture, "\(file): \(section.name)\n--- actual\n\(section.picture)")
        }
    }
}
