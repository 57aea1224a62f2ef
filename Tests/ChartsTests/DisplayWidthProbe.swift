import Diagnostics

/// The display width the tests measure lines with: the project's own rule.
enum DisplayWidthProbe {
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }
}
