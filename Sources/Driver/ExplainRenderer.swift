import Diagnostics
import Engine
import Optimizer
import Semantic

/// The text of `explain`: the user's stages as they wrote them, in order, each on a line of
/// its own with the operators that run it under it, numbered in the order they run, so a
/// filter the optimizer moved shows as a low number under a late stage. Under each
/// operator: how it runs and what the optimizer did to it. With `analyze`, each operator's
/// rows in and out, time, peak memory and threads. A join's or a union's other side, and a
/// pipeline used as a value, are indented under the operator that reads them.
struct ExplainRenderer {
    let source: SourceFile
    /// How many columns each table has, to say how many of them a scan reads.
    let tableWidths: [String: Int]

    /// One printed stage or operator line, before the columns are aligned.
    struct Line {
        /// A stage's text, on a line of its own; empty on an operator's line.
        var stage = ""
        /// How far the line is indented: the other sides of joins and unions go deeper.
        var indent = ""
        var number = ""
        var operation = ""
        var profile: StepProfile?
        /// Lines under it: how it runs, what the optimizer did.
        var notes: [String] = []
    }

    func render(written: LogicalPlan, optimized: LogicalPlan, profile: PlanProfile, report: OptimizationReport,
                optimizes: Bool, result: (rows: Int, seconds: Double)?) -> String {
        var numbers = Numbering()
        numbers.assign(optimized, profile)
        var lines: [Line] = []
        lines += renderPlan(written: written, optimized: optimized, profile: profile, numbers: numbers, indent: "")
        let analyzed = result != nil
        var out = table(lines, analyzed: analyzed)
        if let result {
            let optimizing = report.passes.reduce(0) { $0 + $1.seconds }
            out += "\nresult: \(Self.count(result.rows)) row\(result.rows == 1 ? "" : "s") in \(Self.time(result.seconds))"
            if optimizes { out += " (the optimizer took \(Self.time(optimizing)) of it)" }
        }
        if !optimizes {
            out += "\noptimizer: off (the plan runs as written)"
        } else if !report.rejections.isEmpty {
            out += "\noptimizer: skipped (a bug; please report it): " + report.rejections.joined(separator: "; ")
        }
        return out
    }

    /// The lines of one plan: its stages in the order they are written, with their operators.
    private func renderPlan(written: LogicalPlan?, optimized: LogicalPlan, profile: PlanProfile, numbers: Numbering,
                            indent: String) -> [Line] {
        let schemas = optimized.schemas
        let text = PlanText(source: source)
        // Every stage: the source, and each step's stages, written or left after optimizing.
        var stages: [Span] = [optimized.sourceSpan]
        for step in (written?.steps ?? []) + optimized.steps {
            for span in step.origin where !stages.contains(span) { stages.append(span) }
        }
        stages.sort { $0.start < $1.start }
        var lines: [Line] = []
        for stage in stages {
            let stageText = (stage == optimized.sourceSpan ? "" : "| ") + oneLine(source.text(of: stage))
            var operators: [Line] = []
            if stage == optimized.sourceSpan {
                let width = { if case .table(let name, _) = optimized.source { return tableWidths[name] } else { return nil } }()
                operators.append(Line(number: numbers.source(optimized), operation: text.scan(optimized, tableWidth: width),
                                      profile: profile.source))
            }
            for (index, step) in optimized.steps.enumerated() where step.origin.first == stage {
                var line = Line(number: numbers.step(optimized, index),
                                operation: text.step(step.operation, input: schemas[index]),
                                profile: index < profile.steps.count ? profile.steps[index] : nil)
                if let detail = line.profile?.detail { line.notes.append("how: " + detail) }
                line.notes += step.notes.map(describe)
                operators.append(line)
                operators += sides(of: step, at: index, written: written, profile: profile, numbers: numbers, indent: indent)
            }
            if operators.isEmpty {
                let doneBy = Self.step(from: stage, in: optimized, numbers: numbers)
                operators.append(Line(number: "-", operation: doneBy.map { "(done by \($0))" } ?? "(removed: nothing to do)"))
            }
            lines.append(Line(stage: stageText, indent: indent))
            // This plan's operators take its indent; a side's lines have their own already.
            for var line in operators {
                if line.stage.isEmpty && line.indent.isEmpty { line.indent = indent }
                lines.append(line)
            }
        }
        return lines
    }

    /// The other side of a join or union, and the pipelines used as values, under the step.
    private func sides(of step: PlanStep, at index: Int, written: LogicalPlan?, profile: PlanProfile, numbers: Numbering,
                       indent: String) -> [Line] {
        var lines: [Line] = []
        if let side = step.operation.otherSide, let sideProfile = profile.sides[index] {
            let writtenSide = written?.steps.first { $0.origin == step.origin && $0.operation.otherSide != nil }?.operation.otherSide
            lines += renderPlan(written: writtenSide, optimized: side, profile: sideProfile, numbers: numbers,
                                indent: indent + "    ")
        }
        var seen: Set<Int> = []
        for expr in step.operation.allExpressions {
            for subquery in expr.subqueries where seen.insert(subquery.id).inserted {
                let sideProfile = numbers.subqueryProfiles[subquery.id] ?? PlanProfile()
                lines += renderPlan(written: nil, optimized: subquery.plan, profile: sideProfile, numbers: numbers,
                                    indent: indent + "    ")
            }
        }
        return lines
    }

    /// The number of the step that does a stage's work elsewhere: merged into another
    /// stage's step, or moved into a join's or union's other side.
    private static func step(from stage: Span, in plan: LogicalPlan, numbers: Numbering) -> String? {
        for (index, step) in plan.steps.enumerated() {
            if step.origin.contains(stage) { return numbers.step(plan, index) }
            if let side = step.operation.otherSide, let found = self.step(from: stage, in: side, numbers: numbers) { return found }
        }
        return nil
    }

    private func describe(_ note: PlanNote) -> String {
        guard let stage = note.stage else { return note.text }
        let text = oneLine(source.text(of: stage))
        return note.text + " " + (text.count > 50 ? String(text.prefix(49)) + "…" : text)
    }

    /// Text on one line: runs of white space (new lines too) as one space.
    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
