/// "Did you mean" candidates for a misspelt name.
public enum Suggestions {
    /// The candidates closest to `name` by edit distance (case-insensitive, with
    /// transpositions counting as one edit), best first. Only candidates within a distance
    /// that scales with the name's length are returned, so unrelated names are never offered.
    public static func closest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty else { return [] }
        let threshold = target.count <= 3 ? 1 : (target.count <= 6 ? 2 : 3)
        var scored: [(distance: Int, name: String)] = []
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            if abs(other.count - target.count) > threshold { continue }
            let distance = editDistance(target, other)
            if distance <= threshold && distance < max(target.count, other.count) {
                scored.append((distance, candidate))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        var seen = Set<String>()
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost one.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, previous2[j - 2] + 1)
                }
                current[j] = best
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// "did you mean 'a'?" or "did you mean 'a' or 'b'?", or nil when there is nothing close.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        let found = closest(to: name, among: candidates, limit: 2)
        guard let best = found.first else { return nil }
        // A second name only when it is as close as the first.
        let target = Array(name.lowercased().unicodeScalars)
        func distance(_ candidate: String) -> Int { editDistance(target, Array(candidate.lowercased().unicodeScalars)) }
        if found.count == 2, distance(found[1]) == distance(best) {
            return "did you mean '\(best)' or '\(found[1])'?"
        }
        return "did you mean '\(best)'?"
    }
}
