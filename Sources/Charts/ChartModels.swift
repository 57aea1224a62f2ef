import Columnar

/// The bars of a bar or column chart: one per usable row, in row order. Labels are read
/// only for the bars shown, so a million rows cost no million strings.
struct Categories {
    var table: Table
    var labelColumn: Int
    var rows: [Int]
    var values: [Double]
    var valuesAreWhole: Bool
    var xName: String
    var yName: String
    var leftOut: LeftOut

    static func read(spec: ChartSpec, table: Table) -> Categories? {
        guard let x = spec.x, let y = spec.y.first, let numbers = ChartData.numbers(table.columns[y]) else { return nil }
        let (keep, leftOut) = ChartData.usableRows(table, [x, y])
        var rows: [Int] = [], values: [Double] = []
        for row in 0..<table.rowCount where keep[row] {
            rows.append(row)
            values.append(numbers[row])
        }
        let whole: Bool
        switch table.fields[y].type {
        case .int, .bool: whole = true
        default: whole = false
        }
        return Categories(table: table, labelColumn: x, rows: rows, values: values, valuesAreWhole: whole,
                          xName: table.fields[x].name, yName: table.fields[y].name, leftOut: leftOut)
    }

    func label(_ index: Int) -> String { ChartData.label(table.columns[labelColumn], rows[index]) }

    func valueText(_ index: Int) -> String {
        let value = values[index]
        if valuesAreWhole, abs(value) < 9e18 { return NumberText.integer(Int64(value)) }
        return NumberText.value(value)
    }

    /// The y axis over the first `count` values, always including zero (bars start there).
    func axis(count: Int) -> Axis {
        let shown = values.prefix(count)
        return Axis.numeric(min(0, shown.min() ?? 0), max(0, shown.max() ?? 0), target: 4)
    }
}

/// A histogram: bins of one round width (1, 2, 2.5 or 5 × 10^k) whose edges are multiples of it.
struct Histogram: Equatable {
    var edges: [Double]
    var counts: [Int]
    var step: Double
    var edgeLabels: [String]

    /// `wanted` bins if given, else Sturges' rule (between 5 and 20), never more than `maxBins`.
    static func make(_ values: [Double], wanted: Int?, maxBins: Int = 200) -> Histogram? {
        guard var low = values.first, var high = values.first else { return nil }
        for value in values { low = min(low, value); high = max(high, value) }
        let sturges = Int(NumberText.log10Floor(Double(values.count)) * 3.33) + 1
        let target = max(1, min(wanted ?? min(max(sturges, 5), 20), maxBins, 200))
        let span = high / 2 - low / 2
        var raw = span > 0 ? span / Double(target) * 2 : (low == 0 ? 1 : abs(low) / 10)
        if !raw.isFinite { raw = .greatestFiniteMagnitude / 400 }
        guard var step = NiceSteps.step(atLeast: raw, mantissas: NiceSteps.binMantissas) else { return nil }
        var edges: [Double] = []
        // A step rounded up can still leave one bin too many once the edges snap to its multiples.
        for _ in 0..<8 {
            guard let multiples = NiceSteps.multiples(of: step, covering: low, high, limit: 400) else { return nil }
            edges = multiples
            // The top edge must lie above the maximum: a value on it belongs to a new bin.
            if let last = edges.last, last <= high { edges.append(last + step) }
            if edges.count - 1 <= max(target, 1) + 1 && edges.count - 1 <= maxBins { break }
            guard let bigger = NiceSteps.step(atLeast: step * 1.01, mantissas: NiceSteps.binMantissas) else { return nil }
            step = bigger
        }
        guard edges.count >= 2, edges.allSatisfy(\.isFinite) else { return nil }
        let first = edges[0]
        let binCount = edges.count - 1
        var counts = [Int](repeating: 0, count: binCount)
        let lowerInSteps = first / step
        for value in values {
            let t = value / step - lowerInSteps
            let bin = t.isFinite ? min(max(Int(max(min(t, 1e9), -1)), 0), binCount - 1) : (t > 0 ? binCount - 1 : 0)
            counts[bin] += 1
        }
        return Histogram(edges: edges, counts: counts, step: step, edgeLabels: NumberText.ticks(edges, step: step))
    }

    /// Counts are whole: at least 4 on top so the ticks never fall between whole numbers.
    var countAxis: Axis { Axis.numeric(0, max(Double(counts.max() ?? 0), 4), target: 4) }
}
