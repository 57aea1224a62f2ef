import Columnar
import Diagnostics
import Shell
import Testing

/// The table view at a terminal too narrow for its text: text columns are narrowed first
/// (cut cells end with an ellipsis, headers stay whole, numbers are never cut), and columns
/// are dropped only when even narrowed ones cannot fit.
@Suite struct TableWidthTests {
    static func text(_ values: [String]) -> Column {
        var builder = ColumnBuilder(.string)
        for value in values { builder.append(.string(value)) }
        return builder.build()
    }

    static let table = Table(
        names: ["id", "title", "note", "country", "population", "year", "kind", "city"],
        columns: [Column(.int([1, 2])),
                  text([String(repeating: "long title ", count: 5), "short"]),
                  text([String(repeating: "a note that goes on ", count: 3), "n"]),
                  text(["Japan", "Albania"]), Column(.int([3_790_000, 12])), Column(.int([2001, 1990])),
                  text(["sister-city", "mou"]), text(["Haikou", "Ōita"])])

    static func lines(width: Int) -> [Substring] {
        ResultFormatter(format: .table, maxWidth: width).render(table, columnNames: table.names).split(separator: "\n")
    }

    @Test func wideTextColumnsAreNarrowedBeforeAnyColumnIsDropped() {
        let lines = Self.lines(width: 100)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 100 }, "\(lines.joined(separator: "\n"))")
        #expect(lines.last == "2 rows", "every column kept: \(lines.joined(separator: "\n"))")
        #expect(lines[1].contains("city") && lines[1].contains("population"))
        #expect(lines[3].contains("long title") && lines[3].contains("…"))
        #expect(lines[3].contains("3,790,000"), "numbers are never cut")
    }

    @Test func columnsAreDroppedOnlyWhenNarrowedOnesCannotFit() {
        let lines = Self.lines(width: 60)
        #expect(lines.dropLast().allSatisfy { DisplayWidth.of(String($0)) <= 60 }, "\(lines.joined(separator: "\n"))")
        #expect(lines.last?.hasPrefix("2 rows, ") == true)
        #expect(lines.last?.contains("city") == true, "the rightmost columns go first")
        #expect(lines[1].contains("title"), "the leftmost stay")
    }

    /// Ids keep their digits plain, whatever their size; a column that merely ends in "id"
    /// is a quantity; negative and huge floats keep the column's alignment.
    @Test func idColumnsStayPlainAndOtherNumbersFollowTheColumnRule() {
        let table = Table(names: ["city_id", "paid", "cityId", "delta"],
                          columns: [Column(.int([1_704_501, 12])), Column(.int([1_704_501, 12])),
                                    Column(.int([1_704_501, 12])), Column(.float([-12_345.5, 2.25]))])
        let lines = ResultFormatter(format: .table).render(table, columnNames: table.names).split(separator: "\n")
        #expect(lines[3] == "│ 1704501 │ 1,704,501 │ 1704501 │ -12,345.5  │", "\(lines.joined(separator: "\n"))")
        #expect(lines[4] == "│      12 │        12 │      12 │       2.25 │", "\(lines.joined(separator: "\n"))")
    }
}
