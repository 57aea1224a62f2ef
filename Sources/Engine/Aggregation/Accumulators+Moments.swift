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
        let ys = y.map(Self.doubles) ?? []
        let paired = y != nil
        let slotCount = slotCount
        let parts: [Comoments] = Parallel.map(ranges) { range in
            // One record of six doubles per slot, side by side: a row touches one cache line,
            // where six arrays (and their uniqueness checks) cost six.
            var records = [Double](repeating: 0, count: slotCount * MomentRecord.stride)
            records.withUnsafeMutableBufferPointer { records in
                xs.withUnsafeBufferPointer { xs in
                    ys.withUnsafeBufferPointer { ys in
                        let base = records.baseAddress!
                        if let validity {
                            for row in range where validity[row] {
                                MomentRecord.add(base + slots.slot(row) * MomentRecord.stride, xs[row], paired ? ys[row] : 0, paired)
                            }
                        } else {
                            for row in range {
                                MomentRecord.add(base + slots.slot(row) * MomentRecord.stride, xs[row], paired ? ys[row] : 0, paired)
                            }
                        }
                    }
                }
            }
            return Comoments(records: records, slots: slotCount)
        }
        var total = parts[0]
        for part in parts.dropFirst() { total.merge(part) }
        return total
    }
}

/// Welford's update on one slot's record: n, mean of x, mean of y, m2 of x, m2 of y, c.
enum MomentRecord {
    static let stride = 6

    @inline(__always)
    static func add(_ record: UnsafeMutablePointer<Double>, _ vx: Double, _ vy: Double, _ paired: Bool) {
        let n = record[0] + 1
        record[0] = n
        let dx = vx - record[1]
        let meanX = record[1] + dx / n
        record[1] = meanX
        record[3] += dx * (vx - meanX)
        guard paired else { return }
        let dy = vy - record[2]
        let meanY = record[2] + dy / n
        record[2] = meanY
        // Deviations from the new mean times deviations from the old one.
        record[4] += dy * (vy - meanY)
        record[5] += dx * (vy - meanY)
    }
}

extension Accumulators.Comoments {
    /// The moments laid out as ``MomentRecord``s, one per slot.
    init(records: [Double], slots: Int) {
        self.init(slots: slots)
        for slot in 0..<slots {
            let at = slot * MomentRecord.stride
            n[slot] = records[at]
            meanX[slot] = records[at + 1]
            meanY[slot] = records[at + 2]
            m2x[slot] = records[at + 3]
            m2y[slot] = records[at + 4]
            c[slot] = records[at + 5]
        }
    }
}
