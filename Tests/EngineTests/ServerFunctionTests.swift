import Columnar
import Driver
import Testing

/// Functions whose PostgreSQL cousins agree with Amity only on some values: on those the
/// server answers as memory does; on the others the SQL itself raises an error at the stage,
/// never a different answer.
@Suite(.enabled(if: TestServer.isAvailable, "needs AMITY_TEST_POSTGRES_URL; scripts/test starts a server"), .serialized)
struct ServerFunctionTests {
    static let words = ["Jeju", "海口", "  Zürich\u{3000}", "e\u{301}", "Hyogo-ken", "서울", "👍🏽", "straße", "İzmir", "ΟΔΟΣ", ""]

    static func sessions(_ name: String) throws -> (memory: Session, server: Session) {
        var builder = ColumnBuilder(.string)
        for word in words { builder.append(.string(word)) }
        let dates = Column(.date([0, 2_932_896, -719_400, 18_321, 18_321 + 30]))
        let tables = ["w": Table(names: ["s"], columns: [builder.build()]), "d": Table(names: ["day"], columns: [dates])]
        return (Session(tables: tables), try TestServer.session(name, tables: tables))
    }

    /// Each query answers alike on the rows it can, and where memory answers, the server
    /// answers the same or refuses with E0700.
    @Test func textFunctionsAnswerAlikeOrRefuse() throws {
        let (memory, server) = try Self.sessions("amity_text_functions")
        defer { server.disconnect() }
        let alike = ["w | where s in [\"Jeju\", \"海口\", \"서울\", \"Hyogo-ken\", \"straße\", \"İzmir\", \"\"] | select s, n = len(s), u = upper(s), l = lower(s), r = reverse(s), "
                        + "f = left(s, 2), g = right(s, -1), h = substr(s, 2, 2), p = strpos(s, \"o\"), q = lpad(s, 6, \"*\")",
                     "w | summarize m = mode(s == \"Jeju\" or s == \"\")", "w | where s == \"none\" | summarize m = mode(s)",
                     "w | summarize n = count(), m = mode(s)",
                     "w | select t = trim(s), r = replace(s, \"o\", \"0\"), e = replace(s, \"\", \"x\"), a = split_part(s, \"-\", -1), "
                        + "b = split_part(s, \"-\", 0), c = concat(s, 1, true, @2020-01-02)"]
        for query in alike {
            let a = memory.run(query), b = server.run(query)
            #expect(a.diagnostics.isEmpty && b.diagnostics.isEmpty, "\(query): \(a.diagnostics) \(b.diagnostics)")
            guard case .table(let x, _)? = a.results.last, case .table(let y, _)? = b.results.last else { continue }
            #expect(firstDifference(x, y) == nil, "\(query): \(firstDifference(x, y) ?? "")")
        }
        // Characters PostgreSQL counts or maps otherwise: the server refuses at the stage.
        for (query, stage) in [("w | where s == \"e\\u{301}\" | select n = len(s)", "select n = len(s)"),
                               ("w | where s == \"👍🏽\" | select r = reverse(s)", "select r = reverse(s)"),
                               ("w | where s == \"ΟΔΟΣ\" | select l = lower(s)", "select l = lower(s)"),
                               ("w | select a = split_part(s, \"\", 1)", "select a = split_part(s, \"\", 1)")] {
            #expect(memory.run(query).diagnostics.isEmpty, "\(query) runs in memory")
            let error = server.run(query).diagnostics.first
            #expect(error?.code == "E0700", "\(query): \(String(describing: error))")
            #expect(error?.message.contains("runs in memory only") == true, "\(String(describing: error))")
            let text = query.utf8
            let start = text.index(text.startIndex, offsetBy: error?.span.start ?? 0)
            let end = text.index(text.startIndex, offsetBy: min(error?.span.end ?? 0, text.count))
            #expect(String(text[start..<end]) == stage, "the error points at the stage: \(String(describing: error))")
        }
    }

    /// Dates keep Amity's calendar (0000-01-01 to 9999-12-31, year 0 being 1 BC) and its
    /// week, month ends and errors.
    @Test func dateFunctionsKeepAmitysCalendar() throws {
        let (memory, server) = try Self.sessions("amity_date_functions")
        defer { server.disconnect() }
        let query = "d | select day, y = year(day), w = weekday(day), t = date_trunc(day, \"week\"), dec = date_trunc(day, \"decade\"), "
            + "q = date_trunc(day, \"quarter\"), s = string(day)"
        for text in [query,
                     "d | where day < @9999-01-01 and day > @0000-12-31 | select m = date_add(day, -13, \"month\"), p = day + 40, x = days_between(@1970-01-01, day)",
                     "d | summarize c = collect(day, \";\")"] {
            let a = memory.run(text), b = server.run(text)
            #expect(a.diagnostics.isEmpty && b.diagnostics.isEmpty, "\(text): \(a.diagnostics) \(b.diagnostics)")
            guard case .table(let x, _)? = a.results.last, case .table(let y, _)? = b.results.last else { continue }
            #expect(firstDifference(x, y) == nil, "\(text): \(firstDifference(x, y) ?? "")")
        }
        for text in ["d | select x = day + 1", "d | select x = day - 800_000", "d | select x = date_add(day, -3_000, \"year\")", "d | select x = date(\"2020-1-1\")"] {
            let a = memory.run(text).diagnostics.first, b = server.run(text).diagnostics.first
            #expect(a != nil && a?.code == b?.code, "\(text): \(String(describing: a)) vs \(String(describing: b))")
        }
    }
}
