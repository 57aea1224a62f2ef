import Charts
import Columnar
import Diagnostics
import Syntax

/// `chart` as the planner binds it: what to draw, from which columns of the result.
public struct ChartRequest: Sendable {
    /// The kind and the result's columns to draw.
    public var spec: ChartSpec
    /// `to "file.svg"`: where the SVG goes, in any mode.
    public var file: QuotedText?
    /// The whole stage.
    public var span: Span
}

/// The `chart` stage: the last of a query. It changes no rows; it says how to draw them. Its
/// columns are bound against the result, and those left out are chosen where the choice is
/// obvious (the first text or date column for labels, the first number for values), else the
/// error says what to write.
extension Planner {
    /// The pipeline before the chart, planned, and the chart bound against its result.
    func planChart(_ pipeline: Pipeline, _ chart: ChartClause, stage: Stage) throws -> (LogicalPlan, ChartRequest) {
        var before = pipeline
        before.stages.removeLast()
        let plan = try plan(before)
        let shown = before.stages.last.map { Span(start: before.span.start, end: $0.span.end) } ?? before.head.span
        let title = chart.title?.text ?? source.text(of: shown)
        var binding = ChartBinding(kind: ChartKind(rawValue: chart.kind.name) ?? .bar, clause: chart, schema: plan.schema,
                                   catalog: catalog, stage: stage.span)
        var spec = try binding.bind(title: title)
        if let bins = chart.bins {
            guard spec.kind == .hist else {
                throw SemanticError.make("E0399", "'bins' is for chart hist, not chart \(spec.kind.rawValue)", bins.span)
            }
            spec.bins = try binCount(bins)
        }
        if let file = chart.file, !file.text.lowercased().hasSuffix(".svg") {
            throw SemanticError.make("E0399", "chart writes SVG: name the file .svg", file.span,
                                     help: "write: to \"\(Self.withoutExtension(file.text)).svg\"")
        }
        return (plan, ChartRequest(spec: spec, file: chart.file, span: stage.span))
    }

    /// A file name without its extension, for the name to suggest.
    static func withoutExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex, !name[dot...].contains("/") else {
            return name.isEmpty ? "chart" : name
        }
        return String(name[..<dot])
    }

    /// The error of a `chart` anywhere but at the end of a query.
    static func chartNotLast(_ stage: Stage) -> Diagnostic {
        SemanticError.make("E0397", "chart draws the result of a query: it must be the query's last stage", stage.keyword.span,
                           help: "end the query with chart, or leave it out here")
    }

    /// A number of bins: a constant whole number from 1 to 1,000.
    func binCount(_ expr: Expr) throws -> Int {
        guard case .integer(let value) = expr.kind, (1...1_000).contains(value) else {
            throw SemanticError.make("E0399", "'bins' takes a whole number from 1 to 1,000", expr.span, help: "write: bins 20")
        }
        return Int(value)
    }
}

/// Chooses and checks the columns of one chart.
struct ChartBinding {
    let kind: ChartKind
    let clause: ChartClause
    let schema: [PlanColumn]
    let catalog: Catalog
    let stage: Span

    private static func isNumber(_ type: DataType) -> Bool { type == .int || type == .float }

    /// The position of a written column, or the error that names it.
    private func position(_ name: QualifiedName) throws -> Int {
        try ExpressionBinder.resolve(name, in: schema, catalog: catalog)
    }

    /// A written column, checked against `accepts`, or the error saying what the kind needs.
    private func column(_ name: QualifiedName, _ role: String, accepts: (DataType) -> Bool, wanted: String) throws -> Int {
        let index = try position(name)
        guard accepts(schema[index].type) else {
            throw SemanticError.make("E0398", "chart \(kind.rawValue) needs \(wanted) for its \(role); '\(schema[index].name)' is \(schema[index].type.withArticle)",
                                     name.span, help: usage)
        }
        return index
    }

    /// The first column of the result (not in `taken`) that `accepts` takes, or the error.
    private func first(_ role: String, taken: [Int], accepts: (DataType) -> Bool, wanted: String) throws -> Int {
        guard let index = schema.indices.first(where: { !taken.contains($0) && accepts(schema[$0].type) }) else {
            throw SemanticError.make("E0398", "chart \(kind.rawValue) needs \(wanted) for its \(role), and the result has none", stage,
                                     help: usage)
        }
        return index
    }

    /// How the kind is written, for the errors.
    var usage: String {
        switch kind {
        case .bar, .column: return "write: chart \(kind.rawValue) LABELS, VALUES (labels: text, dates or ints; values: numbers)"
        case .line: return "write: chart line X, Y [, Y2 ...] [by SERIES] (X: dates or numbers; Y: numbers)"
        case .scatter: return "write: chart scatter X, Y [by SERIES] (numbers)"
        case .hist: return "write: chart hist VALUES [bins N] (numbers)"
        case .map: return "write: chart map LAT, LON [label NAME] (degrees)"
        case .spark: return "write: chart spark VALUES (numbers)"
        }
    }

    mutating func bind(title: String) throws -> ChartSpec {
        var spec = ChartSpec(kind: kind, title: title)
        let columns = clause.columns
        let number = Self.isNumber
        switch kind {
        case .bar, .column:
            guard columns.count <= 2 else { throw tooMany(2) }
            let isLabel: (DataType) -> Bool = { $0 == .string || $0 == .date || $0 == .bool || $0 == .int }
            if columns.count == 2 {
                // The values first and the labels second: say so rather than refuse the labels.
                if let values = try? position(columns[0]), let labels = try? position(columns[1]),
                   number(schema[values].type), !number(schema[labels].type), isLabel(schema[labels].type) {
                    throw SemanticError.make("E0398", "chart \(kind.rawValue) takes the labels first, then the values", columns[0].span.merged(with: columns[1].span),
                                             help: "write: chart \(kind.rawValue) \(schema[labels].name), \(schema[values].name)")
                }
                spec.x = try column(columns[0], "labels", accepts: isLabel, wanted: "text, dates or ints")
                spec.y = [try column(columns[1], "values", accepts: number, wanted: "numbers")]
            } else if columns.count == 1, let written = try? position(columns[0]), number(schema[written].type),
                      schema.contains(where: { $0.type == .string || $0.type == .date }) {
                spec.y = [written]
                spec.x = try first("labels", taken: [written], accepts: { $0 == .string || $0 == .date }, wanted: "text or dates")
            } else if columns.count == 1 {
                spec.x = try column(columns[0], "labels", accepts: isLabel, wanted: "text, dates or ints")
                spec.y = [try first("values", taken: [spec.x!], accepts: number, wanted: "numbers")]
            } else {
                spec.x = try first("labels", taken: [], accepts: { $0 == .string || $0 == .date }, wanted: "text or dates")
                spec.y = [try first("values", taken: [spec.x!], accepts: number, wanted: "numbers")]
            }
        case .line, .scatter:
            if kind == .scatter, columns.count > 2 { throw tooMany(2) }
            let isLine = kind == .line
            let isX: (DataType) -> Bool = { type in Self.isNumber(type) || (isLine && type == .date) }
            let wantedX = kind == .line ? "dates or numbers" : "numbers"
            if columns.isEmpty {
                let date: Int? = isLine ? schema.firstIndex(where: { $0.type == .date }) : nil
                let x = try date ?? first("x axis", taken: [], accepts: number, wanted: wantedX)
                spec.x = x
                spec.y = [try first("y axis", taken: [x], accepts: number, wanted: "numbers")]
            } else {
                spec.x = try column(columns[0], "x axis", accepts: isX, wanted: wantedX)
                spec.y = columns.count > 1 ? try columns.dropFirst().map { try column($0, "y axis", accepts: number, wanted: "numbers") }
                    : [try first("y axis", taken: [spec.x!], accepts: number, wanted: "numbers")]
            }
            if let by = clause.by {
                guard spec.y.count == 1 else {
                    throw SemanticError.make("E0399", "'by' makes the series from one column of values; this chart has \(spec.y.count)",
                                             by.span, help: "draw one Y column with by, or several without")
                }
                spec.series = try column(by, "series", accepts: { $0 != .float }, wanted: "text, ints, dates or bools")
            }
        case .hist, .spark:
            guard columns.count <= 1 else { throw tooMany(1) }
            spec.y = [try columns.first.map { try column($0, "values", accepts: number, wanted: "numbers") }
                      ?? first("values", taken: [], accepts: number, wanted: "numbers")]
        case .map:
            guard columns.count <= 2 else { throw tooMany(2) }
            if columns.count == 2 {
                spec.y = [try column(columns[0], "latitude", accepts: number, wanted: "numbers (degrees)")]
                spec.x = try column(columns[1], "longitude", accepts: number, wanted: "numbers (degrees)")
            } else {
                // Only names that say so are obvious here.
                let names = schema.map { $0.name.lowercased() }
                guard columns.isEmpty, let lat = names.firstIndex(where: { $0 == "lat" || $0 == "latitude" }),
                      let lon = names.firstIndex(where: { $0 == "lon" || $0 == "lng" || $0 == "longitude" }),
                      number(schema[lat].type), number(schema[lon].type) else {
                    throw SemanticError.make("E0398", "chart map needs the latitude and the longitude, in that order", columns.first?.span ?? stage,
                                             help: usage)
                }
                spec.y = [lat]
                spec.x = lon
            }
            if let label = clause.label { spec.label = try position(label) }
        }
        if clause.by != nil, kind != .line, kind != .scatter {
            throw SemanticError.make("E0399", "'by' is for chart line and chart scatter, not chart \(kind.rawValue)", clause.by!.span)
        }
        if let label = clause.label, kind != .map {
            throw SemanticError.make("E0399", "'label' is for chart map, not chart \(kind.rawValue)", label.span)
        }
        return spec
    }

    private func tooMany(_ most: Int) -> Diagnostic {
        SemanticError.make("E0398", "chart \(kind.rawValue) draws at most \(most) column\(most == 1 ? "" : "s")",
                           clause.columns[most].span, help: usage)
    }
}
