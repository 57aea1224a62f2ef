import Columnar
import Evaluation

/// The aggregates of spread and association: stddev and var of one column, covar and corr
/// of pairs. Each range accumulates counts, means and sums of squared deviations by
/// Welford's update (stable where the values are large and close together, unlike sums of
/// squares), and ranges merge by Chan's pairwise formulas, in range order.
extension Accumulators {
    /// stddev (`squared` false) and var: the sample standard deviation or variance (divided
    /// by n - 1); null below two values.
    func spread<Slots: SlotSource>(_ argument: Column, _ slots: Slots, squared: Bool) -> Column {
        let moments = comoments(argument, nil, slots, validity: argument.validity)
        let result = (0..<slotCount).map { slot -> Double in
            let n = moments.n[slot]
            guard n > 1 else { return 0 }
            let variance = moments.m2x[slot] / (n - 1)
            return squared ? variance : variance.squareRoot()
        }
        return Column(.float(result), validity: Bitmap(moments.n.map { $0 > 1 }))
    }

    /// covar: the sample covariance (divided by n - 1, as DuckDB's covar_samp and as stddev
    /// and var are); corr: the Pearson correlation, clamped to -1...1 against rounding, null
    /// when either column does not vary, NaN when a value is NaN or the moments overflow.
    /// Only rows where both are present count; null below two such rows.
    func comoment<Slots: SlotSource>(_ x: Column, _ y: Column, _ slots: Slots, correlation: Bool) -> Column {
        let moments = comoments(x, y, slots, validity: Self.bothValid(x, y))
        var valid = [Bool](repeating: false, count: slotCount)
        let result = (0..<slotCount).map { slot -> Double in
            let n = moments.n[slot]
            guard n > 1 else { return 0 }
            guard correlation else {
                valid[slot] = true
                return moments.c[slot] / (n - 1)
            }
            let m2x = moments.m2x[slot], m2y = moments.m2y[slot]
            guard m2x != 0, m2y != 0 else { return 0 }
            valid[slot] = true
            // A NaN value, or squares past the float range, leave nothing to divide: NaN
            // (not the -1 that clamping a NaN gives, nor the 0 of a finite c over infinity).
            guard m2x.isFinite, m2y.isFinite else { return .nan }
            // One square root of the product, so corr(x, x) is exactly 1; two when the
            // product overflows or underflows.
            var spread = (m2x * m2y).squareRoot()
            if !spread.isFinite || spread == 0 { spread = m2x.squareRoot() * m2y.squareRoot() }
            return Swift.min(1, Swift.max(-1, moments.c[slot] / spread))
        }
        return Column(.float(result), validity: Bitmap(valid))
    }

    /// Per slot: the count of pairs, the means, the sums of squared deviations of x and y
    /// (`m2x`, `m2y`) and of the products of their deviations (`c`).
    struct Comoments {
        var n: [Double], meanX: [Double], meanY: [Double], m2x: [Double], m2y: [Double], c: [Double]

        init(slots: Int) {
            n = [Double](repeating: 0, count: slots)
            meanX = n; meanY = n; m2x = n; m2y = n; c = n
        }

        /// Chan's formulas: `other` (a later range) folded into these moments.
        mutating func merge(_ other: Comoments) {
            for slot in n.indices where other.n[slot] > 0 {
                let total = n[slot] + other.n[slot]
                let dx = other.meanX[slot] - meanX[slot], dy = other.meanY[slot] - meanY[slot]
                meanX[slot] += dx * other.n[slot] / total
                meanY[slot] += dy * other.n[slot] / total
                m2x[slot] += other.m2x[slot] + dx * dx * n[slot] * other.n[slot] / total
                m2y[slot] += other.m2y[slot] + dy * dy * n[slot] * other.n[slot] / total
                c[slot] += other.c[slot] + dx * dy * n[slot] * other.n[slot] / total
                n[slot] = total
            }
        }
    }

    /// The moments of x alone (y nil: only n, meanX and m2x) or of the pairs (x, y).
    private func comoments<Slots: SlotSource>(_ x: Column, _ y: Column?, _ slots: Slots, validity: Bitmap?) -> Comoments {
        let xs = Self.doubles(x)
        let ys = y.map(Self.doubles)
        let parts: [Comoments] = Parallel.map(ranges) { range in
            var m = Comoments(slots: slotCount)
            guard let ys else {
                for row in range where validity?[row] != false {
                    let slot = slots.slot(row)
                    m.n[slot] += 1
                    let dx = xs[row] - m.meanX[slot]
                    m.meanX[slot] += dx / m.n[slot]
                    m.m2x[slot] += dx * (xs[row] - m.meanX[slot])
                }
                return m
            }
            for row in range where validity?[row] != false {
                let slot = slots.slot(row)
                let vx = xs[row], vy = ys[row]
                m.n[slot] += 1
                let dx = vx - m.meanX[slot], dy = vy - m.meanY[slot]
                m.meanX[slot] += dx / m.n[slot]
                m.meanY[slot] += dy / m.n[slot]
                // Deviations from the new mean times deviations from the old one.
                m.m2x[slot] += dx * (vx - m.meanX[slot])
                m.m2y[slot] += dy * (vy - m.meanY[slot])
                m.c[slot] += dx * (vy - m.meanY[slot])
            }
            return m
        }
        var total = parts[0]
        for part in parts.dropFirst() { total.merge(part) }
        return total
    }
}
