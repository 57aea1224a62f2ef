import Diagnostics

/// Builds the diagnostics of name resolution and type checking.
enum SemanticError {
    static func make(_ code: String, _ message: String, _ span: Span, help: String? = nil,
                     notes: [String] = []) -> Diagnostic {
        Diagnostic(code: code, message: message, span: span, notes: notes, help: help)
    }

    /// "did you mean" when something is close, else the list of what exists.
    static func suggestion(for name: String, among candidates: [String], listing what: String) -> String? {
        if let close = Suggestions.didYouMean(name, among: candidates) { return close }
        guard !candidates.isEmpty else { return nil }
        let shown = candidates.prefix(30).joined(separator: ", ")
        return "\(what) here are: \(shown)\(candidates.count > 30 ? ", ..." : "")"
    }
}
