import Diagnostics
import Engine
import Semantic

/// The order operators run in: scalar subqueries first, then each plan's source and steps,
/// a join's or a union's other side just before the step that reads it.
struct Numbering {
    /// A plan within one statement: its source's place and first column id are its own.
    private struct PlanKey: Hashable {
        var start: Int
        var end: Int
        var firstColumn: Int
        var steps: Int

        init(_ plan: LogicalPlan) {
            start = plan.sourceSpan.start
            end = plan.sourceSpan.end
            firstColumn = plan.sourceColumns.first?.id ?? -1
            steps = plan.steps.count
        }
    }

    private var numbers: [PlanKey: [Int]] = [:]
    private var next = 1
    /// The measured profile of each scalar subquery, by id.
    private(set) var subqueryProfiles: [Int: PlanProfile] = [:]

    mutating func assign(_ plan: LogicalPlan, _ profile: PlanProfile) {
        subqueryProfiles = profile.subqueries
        var subqueries: [Subquery] = []
        plan.visitPlans { inner in
            for step in inner.steps {
                for expr in step.operation.allExpressions {
                    expr.visit { if case .scalarSubquery(let subquery) = $0.kind { subqueries.append(subquery) } }
                }
            }
        }
        // Inner subqueries run before the ones that read them.
        var seen: Set<Int> = []
        for subquery in subqueries.reversed() where seen.insert(subquery.id).inserted { number(subquery.plan) }
        number(plan)
    }

    private mutating func number(_ plan: LogicalPlan) {
        var assigned = [next]
        next += 1
        for step in plan.steps {
            if let side = step.operation.otherSide { number(side) }
            assigned.append(next)
            next += 1
        }
        numbers[PlanKey(plan)] = assigned
    }

    func source(_ plan: LogicalPlan) -> String {
        numbers[PlanKey(plan)].map { String($0[0]) } ?? "?"
    }

    func step(_ plan: LogicalPlan, _ index: Int) -> String {
        guard let assigned = numbers[PlanKey(plan)], index + 1 < assigned.count else { return "?" }
        return String(assigned[index + 1])
    }
}

extension ExplainRenderer {
    /// The lines: each stage's text on a line of its own, then its operators, numbered, with
    /// the measurements of `analyzed` in aligned columns; notes under their operator.
    func table(_ lines: [Line], analyzed: Bool) -> String {
        let numberWidth = max(1, lines.map(\.number.count).max() ?? 1)
        let operatorLines = lines.filter { $0.stage.isEmpty }
        let operationWidth = min(analyzed ? 64 : 100, max(8, operatorLines.map { DisplayWidth.of($0.indent + $0.operation) }.max() ?? 0))
        var out: [String] = []
        if analyzed {
            out.append(String(repeating: " ", count: numberWidth + 4 + operationWidth) + Self.measureHeader)
        }
        for line in lines {
            if !line.stage.isEmpty {
                out.append(clip(line.indent + line.stage, 120))
                continue
            }
            let operation = clip(line.indent + line.operation, operationWidth)
            var text = "  " + pad(line.number, numberWidth, right: true) + "  " + pad(operation, operationWidth)
            if analyzed, let profile = line.profile, profile.ran { text += Self.measures(profile) }
            out.append(text.trailingSpacesRemoved())
            let noteIndent = String(repeating: " ", count: numberWidth + 6) + line.indent
            for note in line.notes { out.append(noteIndent + note) }
        }
        return out.joined(separator: "\n")
    }

    static let measureHeader = "     rows in → out       time    memory  threads"

    static func measures(_ profile: StepProfile) -> String {
        pad(count(profile.rowsIn), 12, right: true) + " → " + pad(count(profile.rowsOut), 9) + " "
            + [pad(time(profile.seconds), 10, right: true), pad(bytes(profile.peakBytes), 9, right: true),
               pad(String(profile.threads), 8, right: true)].joined(separator: " ")
    }

    /// 1,234,567
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func time(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format2(seconds)) + " s" }
        return format2(seconds * 1000) + " ms"
    }

    static func bytes(_ value: Int) -> String {
        if value >= 1 << 30 { return format1(Double(value) / Double(1 << 30)) + " GB" }
        if value >= 1 << 20 { return format1(Double(value) / Double(1 << 20)) + " MB" }
        if value >= 1 << 10 { return "\(value >> 10) KB" }
        return "\(value) B"
    }

    private static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let room = max(0, width - DisplayWidth.of(text))
        return right ? String(repeating: " ", count: room) + text : text + String(repeating: " ", count: room)
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String { Self.pad(text, width, right: right) }

    /// The text cut to `width` columns, with an ellipsis where it was cut.
    private func clip(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        for character in text {
            if DisplayWidth.of(out + String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…"
    }
}

extension String {
    func trailingSpacesRemoved() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
