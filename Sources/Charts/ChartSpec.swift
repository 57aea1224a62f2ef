import Columnar

/// The kinds of picture the `chart` stage draws.
public enum ChartKind: String, Sendable, CaseIterable {
    /// Horizontal bars, labels on the left, each bar's value at its end.
    case bar
    /// Vertical bars, labels under them.
    case column
    /// One or more lines over a number or date axis; several series with `by`.
    case line
    /// Points of two numbers.
    case scatter
    /// A histogram of one number, in `bins` bins with round edges.
    case hist
    /// Points at latitude and longitude on a world outline, optionally labelled.
    case map
    /// One line of ▁▂▃▄▅▆▇█ for a quick trend of one number, in row order.
    case spark
}

/// What to draw, as the planner bound it: each column is a position in the result table the
/// pipeline gives (its columns in order). The planner has checked the types:
///
/// | kind | `x` | `y` | `series` | `label` |
/// | --- | --- | --- | --- | --- |
/// | bar, column | the labels: string, date, int or bool | one number column | | |
/// | line | number or date | one or more number columns (one series each) | string, int, date or bool: one series per value (then `y` has one column) | |
/// | scatter | number | one number column | optional, as for line | |
/// | hist | | one number column | | |
/// | map | longitude, float degrees | one column, latitude | | optional: any type, written beside its point |
/// | spark | | one number column | | |
///
/// Numbers are int or float columns. Rows where a drawn value is null are skipped, and
/// counted in a footnote.
public struct ChartSpec: Sendable, Equatable {
    public var kind: ChartKind
    public var x: Int?
    public var y: [Int]
    public var series: Int?
    public var label: Int?
    /// The number of bins of a histogram (nil: chosen from the data).
    public var bins: Int?
    /// The title: `title "..."`, or the pipeline's text before `chart`.
    public var title: String

    public init(kind: ChartKind, x: Int? = nil, y: [Int] = [], series: Int? = nil, label: Int? = nil,
                bins: Int? = nil, title: String) {
        self.kind = kind
        self.x = x
        self.y = y
        self.series = series
        self.label = label
        self.bins = bins
        self.title = title
    }
}
