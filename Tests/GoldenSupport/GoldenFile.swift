import Foundation
import Testing

/// One case of a golden file: an input and the text it must produce.
///
/// A golden file under `Tests/Golden/<feature>/*.test` holds one or more cases:
///
///     === a title
///     cities | take 5
///     --- ast
///     (pipeline cities
///       (take 5))
///
/// The section after `--- ast` is the syntax tree dump; after `--- error` it is the exact
/// error text, carets included; after `--- result` it is the query's result table; after
/// `--- plan` the plan `explain` prints. Run with `AMITY_RECORD=1` to rewrite the expected sections
/// from what the parser produces now (then review the diff).
public struct GoldenCase: CustomTestStringConvertible, Sendable {
    public enum Mode: String, Sendable, CaseIterable { case ast, error, result, plan }

    public var file: String
    public var title: String
    public var input: String
    public var mode: Mode
    public var expected: String

    public var testDescription: String { "\(file): \(title)" }
}

public enum GoldenFiles {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    /// The repository's `Tests/` folder.
    public static let testsFolder: URL = root.deletingLastPathComponent()

    static func paths(under folder: String) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        let all = (enumerator?.allObjects as? [URL]) ?? []
        return all.filter { $0.pathExtension == "test" }.sorted { $0.path < $1.path }
    }

    static func relativeName(_ url: URL) -> String {
        String(url.path.dropFirst(root.path.count + 1))
    }

    /// Every case of every file. A file that cannot be read as UTF-8 becomes a failing case
    /// rather than silently contributing none.
    public static func load(_ folder: String) -> [GoldenCase] {
        paths(under: folder).flatMap { url -> [GoldenCase] in
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                return [GoldenCase(file: relativeName(url), title: "(unreadable: golden files must be UTF-8)",
                                   input: "", mode: .ast, expected: "<unreadable>")]
            }
            let cases = parse(text: text, file: relativeName(url))
            // Recording matches outputs to cases by title: two cases of one title would swap
            // their outputs, so a repeated title is a failing case of its own.
            var seen = Set<String>()
            let repeated = cases.filter { !seen.insert($0.title).inserted }.map {
                GoldenCase(file: $0.file, title: "(title used twice: \($0.title))", input: "", mode: .ast, expected: "<repeated title>")
            }
            return cases + repeated
        }
    }

    public static func parse(text: String, file: String) -> [GoldenCase] {
        var cases: [GoldenCase] = []
        var title: String?
        var input: [String] = []
        var expected: [String] = []
        var mode: GoldenCase.Mode?
        func flush() {
            guard let title else { return }
            cases.append(GoldenCase(file: file, title: title, input: input.joined(separator: "\n"),
                                    mode: mode ?? .ast, expected: trimmed(expected)))
        }
        // Split on "\n" scalars: a String split would treat "\r\n" as one character.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        for line in lines {
            if line.hasPrefix("=== ") {
                flush()
                title = String(line.dropFirst(4))
                input = []
                expected = []
                mode = nil
            } else if mode == nil, line.hasPrefix("--- "), let found = GoldenCase.Mode(rawValue: String(line.dropFirst(4))) {
                mode = found
            } else if mode == nil {
                input.append(line)
            } else {
                expected.append(line)
            }
        }
        flush()
        return cases
    }

    public static func trimmed(_ lines: [String]) -> String {
        var lines = lines
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Checks one case: its output must be what the file says, with an error where the mode
    /// is `error` and none where it is `ast` or `result`.
    public static func check(_ item: GoldenCase, actual output: String) {
        let actual = trimmed(output.components(separatedBy: "\n"))
        if item.mode == .error { #expect(actual.contains(": error: "), "expected an error") }
        if item.mode != .error { #expect(!actual.contains(": error: "), "expected no error") }
        #expect(actual == item.expected, "\(item.file): \(item.title)")
    }

    /// Rewrites every file of `cases` with what `actual` gives for each case now.
    public static func recordAll(_ cases: [GoldenCase], actual: (GoldenCase) -> String) throws {
        for (file, items) in Dictionary(grouping: cases, by: \.file) {
            var outputs: [String: String] = [:]
            for item in items {
                outputs[item.title] = trimmed(actual(item).components(separatedBy: "\n"))
            }
            try record(file: file, actual: outputs)
        }
    }

    /// Rewrites one file with the actual outputs, keeping titles and inputs.
    public static func record(file: String, actual: [String: String]) throws {
        let url = root.appendingPathComponent(file)
        let cases = parse(text: try String(contentsOf: url, encoding: .utf8), file: file)
        var out = ""
        for item in cases {
            out += "=== \(item.title)\n\(item.input)\n--- \(item.mode.rawValue)\n"
            out += (actual[item.title] ?? item.expected) + "\n\n"
        }
        try String(out.dropLast()).write(to: url, atomically: true, encoding: .utf8)
    }
}
