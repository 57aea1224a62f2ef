import Columnar

/// A growable block of UTF-8 bytes that result text is written into, with the number and
/// date forms every output format shares.
///
/// Noncopyable so its one allocation has one owner: appends are a capacity check and a
/// `memcpy`, with no copy-on-write check or reference count per cell.
struct OutputBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Forgets the contents and keeps the memory.
    mutating func removeAll() { count = 0 }

    /// Room for `extra` more bytes; returns where they go. The caller then calls `advance`.
    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity - count < extra { grow(to: count + extra) }
        return base + count
    }

    @inline(__always)
    mutating func advance(_ written: Int) { count += written }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress else { return }
        append(from, count: source.count)
    }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        guard length > 0 else { return }
        var cursor = reserve(length)
        Self.copy(source, count: length, to: &cursor)
        count += length
    }

    /// Copies `length` bytes to `cursor` and moves it past them. Most cells are short: up to
    /// 16 bytes take two overlapping loads and stores of a word, not a call to `memmove`.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, count length: Int, to cursor: inout UnsafeMutablePointer<UInt8>) {
        let out = cursor
        if length > 16 {
            out.update(from: source, count: length)
        } else if length >= 8 {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(out)
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(out)
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else if length > 0 {
            out[0] = source[0]
            out[length - 1] = source[length - 1]
            if length == 3 { out[1] = source[1] }
        }
        cursor = out + length
    }

    /// A literal's bytes: no array or global to look up per call.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The decimal digits of `value` with a `-` if negative, as `String(value)` writes them.
    @inline(__always)
    mutating func appendDecimal(_ value: Int64) {
        let out = reserve(20)
        var written = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            written = 1
        }
        written += Self.writeDigits(value.magnitude, to: out + written)
        count += written
    }

    /// Digits of `magnitude` at `out` (at most 20); returns how many.
    @inline(__always)
    private static func writeDigits(_ magnitude: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, filled from the end
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var position = scratch.count
            var rest = magnitude
            repeat {
                let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10)
                position -= 1
                scratch[position] = UInt8(truncatingIfNeeded: remainder) &+ 0x30
                rest = quotient
            } while rest != 0
            let length = scratch.count - position
            out.update(from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + position, count: length)
            return length
        }
    }

    /// `value` as `FloatFormat.shortest` writes it, without making a `String` for the
    /// common whole numbers; other values take Swift's own shortest text.
    @inline(__always)
    mutating func appendFloat(_ value: Double) {
        if value.isNaN { return append("NaN" as StaticString) }
        if value.isInfinite { return append(value < 0 ? "-inf" as StaticString : "inf") }
        if value == 0 { return append(value.sign == .minus ? "-0.0" as StaticString : "0.0") }
        if value == value.rounded(), abs(value) < 1e15 {
            appendDecimal(Int64(value))
            append(".0" as StaticString)
            return
        }
        if appendShortDecimal(value) { return }
        // `description` of a double fits a small string: no allocation.
        append(value.description)
    }

    /// A value with at most four decimals (a price, a coordinate) written from its digits.
    ///
    /// `description` writes the shortest decimal that reads back as the value. Below 1e11 two
    /// doubles are less than 1e-4 apart, so at most one decimal of a given number of places
    /// (up to four) reads back as `value`; the first number of places that has one gives the
    /// shortest text. A decimal `d / 10^p` reads back as `value` exactly when `d / 10^p`,
    /// divided in floating point (correctly rounded, like parsing), is `value`. From 1e-3 on,
    /// `description` writes plain digits, never an exponent. Anything else returns false.
    @inline(__always)
    private mutating func appendShortDecimal(_ value: Double) -> Bool {
        let magnitude = abs(value)
        guard magnitude >= 1e-3, magnitude < 1e11 else { return false }
        var scale = 10.0
        for places in 1...4 {
            let scaled = (magnitude * scale).rounded()
            if scaled / scale == magnitude {
                appendDecimal(Int64(scaled), places: places, negative: value < 0)
                return true
            }
            scale *= 10
        }
        return false
    }

    /// `digits / 10^places` as `[-]integer.fraction`, without the fraction's trailing zeros
    /// (one digit stays).
    private mutating func appendDecimal(_ digits: Int64, places: Int, negative: Bool) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let length = withUnsafeMutableBytes(of: &scratch) { buffer in
            Self.writeDigits(UInt64(digits), to: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        withUnsafeBytes(of: &scratch) { buffer in
            let text = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if negative { append(UInt8(ascii: "-")) }
            let integerDigits = length - places
            if integerDigits > 0 {
                append(text, count: integerDigits)
            } else {
                append(UInt8(ascii: "0"))
            }
            append(UInt8(ascii: "."))
            for _ in 0..<max(0, -integerDigits) { append(UInt8(ascii: "0")) }
            var fractionEnd = length
            while fractionEnd > max(integerDigits, 0) + 1 && text[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
            let fractionStart = max(integerDigits, 0)
            append(text + fractionStart, count: fractionEnd - fractionStart)
        }
    }

    /// `YYYY-MM-DD` as `DateFormat.format` writes it (a longer or signed year for the far
    /// past and future).
    @inline(__always)
    mutating func appendDate(days: Int32) {
        let (year, month, day) = DateFormat.civil(fromDays: days)
        if year < 0 { append(UInt8(ascii: "-")) }
        let magnitude = year.magnitude
        if magnitude < 10_000 {
            let out = reserve(4)
            out[0] = UInt8(truncatingIfNeeded: magnitude / 1000) &+ 0x30
            out[1] = UInt8(truncatingIfNeeded: magnitude / 100 % 10) &+ 0x30
            out[2] = UInt8(truncatingIfNeeded: magnitude / 10 % 10) &+ 0x30
            out[3] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            count += 4
        } else {
            count += Self.writeDigits(UInt64(magnitude), to: reserve(20))
        }
        let out = reserve(6)
        out[0] = UInt8(ascii: "-")
        out[1] = UInt8(truncatingIfNeeded: month / 10) &+ 0x30
        out[2] = UInt8(truncatingIfNeeded: month % 10) &+ 0x30
        out[3] = UInt8(ascii: "-")
        out[4] = UInt8(truncatingIfNeeded: day / 10) &+ 0x30
        out[5] = UInt8(truncatingIfNeeded: day % 10) &+ 0x30
        count += 6
    }
}
