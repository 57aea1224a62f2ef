import Glibc

/// The distinct strings of a column, their UTF-8 bytes in one block.
///
/// A string column stores a `UInt32` code per row into a dictionary. Predicates and string
/// functions run once per entry instead of once per row; comparisons look at bytes, never
/// at Swift `String`s, whose Unicode-aware comparison and hashing are slow. Entries are
/// distinct, so equal codes mean equal strings within one dictionary. It is a class only for
/// identity: work done per entry is cached per dictionary.
public final class StringDictionary: Sendable {
    /// All entries' bytes, back to back.
    public let bytes: [UInt8]
    /// Entry `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    public let offsets: [Int]

    public var count: Int { offsets.count - 1 }

    public init(bytes: [UInt8], offsets: [Int]) {
        self.bytes = bytes
        self.offsets = offsets
    }

    /// An empty dictionary.
    public static let empty = StringDictionary(bytes: [], offsets: [0])

    /// A dictionary whose one entry is the empty string, for columns of nulls: every code,
    /// even a null row's 0, must name an entry, so kernels may look any code up.
    public static let placeholder = StringDictionary(bytes: [], offsets: [0, 0])

    /// The bytes of entry `code`.
    public func bytes(of code: UInt32) -> ArraySlice<UInt8> {
        bytes[offsets[Int(code)]..<offsets[Int(code) + 1]]
    }

    /// Entry `code` as a `String`; for output and for functions that need Unicode semantics.
    public func string(_ code: UInt32) -> String {
        String(decoding: bytes(of: code), as: UTF8.self)
    }

    /// Calls `body` with the bytes of entry `code`, without copying them.
    public func withBytes<Result>(of code: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[offsets[Int(code)]..<offsets[Int(code) + 1]]))
        }
    }

    /// Every entry, in code order.
    public var strings: [String] { (0..<count).map { string(UInt32($0)) } }

    /// Whether this dictionary starts with every entry of `other`, under the same codes: a
    /// code into `other` then means the same string here. (A dictionary that grows batch by
    /// batch gives such snapshots; columns of them need no re-encoding.)
    public func extends(_ other: StringDictionary) -> Bool {
        guard other.count <= count, offsets[other.count] == other.bytes.count else { return false }
        let sameOffsets = offsets.withUnsafeBytes { mine in
            other.offsets.withUnsafeBytes { theirs in memcmp(mine.baseAddress!, theirs.baseAddress!, theirs.count) == 0 }
        }
        guard sameOffsets, !other.bytes.isEmpty else { return sameOffsets }
        return bytes.withUnsafeBytes { mine in
            other.bytes.withUnsafeBytes { theirs in memcmp(mine.baseAddress!, theirs.baseAddress!, theirs.count) == 0 }
        }
    }
}

/// Builds a ``StringDictionary``, giving each distinct string one code.
///
/// An open-addressing table whose slots hold a code, 32 bits of its hash, its length and its
/// first 16 bytes: a lookup of a short string (most keys in data are short) touches one slot
/// and never the stored bytes. No `String` is made per value.
public struct StringDictionaryBuilder {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Four words per slot: (hash >> 32) << 32 | (code + 1) (0 = empty), the length, and the
    /// first 16 bytes zero-padded.
    private var slots: [UInt64]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size * 4)
        mask = size - 1
    }

    /// A builder that starts with `dictionary`'s entries under their codes.
    public init(startingWith dictionary: StringDictionary) {
        self.init(capacity: dictionary.count)
        for code in 0..<dictionary.count { _ = self.code(for: dictionary.bytes(of: UInt32(code))) }
    }

    public var count: Int { offsets.count - 1 }

    /// The code of `value` if it is present.
    public func lookup<C: Collection>(_ value: C) -> UInt32? where C.Element == UInt8 {
        Self.withBytes(value) { lookup(bytes: $0) }
    }

    /// The code of `value`, adding it when new.
    public mutating func code<C: Collection>(for value: C) -> UInt32 where C.Element == UInt8 {
        Self.withBytes(value) { code(forBytes: $0) }
    }

    /// Every lookup goes through the raw-bytes path: a generic loop called from another
    /// module runs unspecialised (an iterator call per byte), so the generic entry points
    /// only find the bytes' storage.
    private static func withBytes<C: Collection, Result>(_ value: C, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result
    where C.Element == UInt8 {
        if let result = value.withContiguousStorageIfAvailable(body) { return result }
        return Array(value).withUnsafeBufferPointer(body)
    }

    /// What a slot keeps of a string, and its hash.
    private struct Key {
        var hash: UInt64
        var length: UInt64
        var head: UInt64
        var tail: UInt64

        var tag: UInt64 { hash & 0xFFFF_FFFF_0000_0000 }
    }

    /// The code of raw bytes if present, and otherwise the free slot where they would go.
    @inline(__always)
    private func find(_ value: UnsafeBufferPointer<UInt8>, _ key: Key) -> (code: UInt32?, slot: Int) {
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        let found: UInt32? = slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot &* 4]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == key.tag, slots[slot &* 4 &+ 1] == key.length,
                   slots[slot &* 4 &+ 2] == key.head, slots[slot &* 4 &+ 3] == key.tail {
                    let code = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if key.length <= 16 || restMatches(code, value) { return UInt32(code) }
                }
                slot = (slot &+ 1) & mask
            }
        }
        return (found, slot)
    }

    /// Past the first 16 bytes, which the slot already matched.
    private func restMatches(_ code: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + offsets[code], value.baseAddress!, value.count) == 0
        }
    }

    /// The code of raw bytes if they are present.
    public func lookup(bytes value: UnsafeBufferPointer<UInt8>) -> UInt32? {
        find(value, Self.key(value)).code
    }

    /// The code of raw bytes, adding them when new.
    public mutating func code(forBytes value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let key = Self.key(value)
        let (found, slot) = find(value, key)
        if let found { return found }
        return insert(value, key, at: slot)
    }

    /// The code of `value`, adding it when new, but only if it is valid UTF-8 (nil if
    /// not): a loader checks each distinct string once instead of every row.
    public mutating func code(forValidating value: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let key = Self.key(value)
        let (found, slot) = find(value, key)
        if let found { return found }
        guard String(validating: value, as: UTF8.self) != nil else { return nil }
        return insert(value, key, at: slot)
    }

    private mutating func insert(_ value: UnsafeBufferPointer<UInt8>, _ key: Key, at slot: Int) -> UInt32 {
        let code = UInt32(count)
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
        store(code, key, at: slot)
        if count * 2 > mask + 1 { grow() }
        return code
    }

    private mutating func store(_ code: UInt32, _ key: Key, at slot: Int) {
        slots[slot * 4] = key.tag | UInt64(code + 1)
        slots[slot * 4 + 1] = key.length
        slots[slot * 4 + 2] = key.head
        slots[slot * 4 + 3] = key.tail
    }

    public mutating func code(for value: String) -> UInt32 {
        var value = value
        return value.withUTF8 { code(for: $0) }
    }

    public func build() -> StringDictionary {
        StringDictionary(bytes: bytes, offsets: offsets)
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        slots = [UInt64](repeating: 0, count: size * 4)
        mask = size - 1
        let stored = bytes
        stored.withUnsafeBufferPointer { stored in
            for code in 0..<count {
                let start = offsets[code]
                let key = Self.key(UnsafeBufferPointer(start: stored.baseAddress.map { $0 + start }, count: offsets[code + 1] - start))
                var slot = Int(truncatingIfNeeded: key.hash) & mask
                while slots[slot * 4] != 0 { slot = (slot + 1) & mask }
                store(UInt32(code), key, at: slot)
            }
        }
    }

    /// The slot's view of a string: its first 16 bytes as two zero-padded words, read without
    /// touching a byte past its end, and a hash of all of it (multiply and fold, a word at a time).
    @inline(__always)
    private static func key(_ value: UnsafeBufferPointer<UInt8>) -> Key {
        let length = value.count
        guard let base = value.baseAddress, length > 0 else { return Key(hash: 0x9E37_79B9_7F4A_7C15, length: 0, head: 0, tail: 0) }
        let raw = UnsafeRawPointer(base)
        var head: UInt64 = 0, tail: UInt64 = 0
        if length >= 8 {
            head = raw.loadUnaligned(as: UInt64.self)
            if length >= 16 {
                tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            } else if length > 8 {
                // Bytes length-8..<length, shifted so that bytes 8..<length remain.
                tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) >> UInt64(8 * (16 - length))
            }
        } else if length >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)) >> UInt64(8 * (8 - length))
            head = low | high << 32
        } else {
            for index in 0..<length { head |= UInt64(base[index]) << UInt64(8 * index) }
        }
        var hash = 0x9E37_79B9_7F4A_7C15 &* UInt64(length &+ 1)
        @inline(__always) func mix(_ word: UInt64) {
            let product = (hash ^ word).multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
            hash = product.high ^ product.low
        }
        mix(head)
        if length > 8 { mix(tail) }
        if length > 16 {
            var index = 16
            while index + 8 <= length {
                mix(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            if index < length { mix(raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)) }
        }
        // Fold so the low bits (the slot) depend on every input bit.
        return Key(hash: hash ^ ((hash >> 29) &* 0x94D0_49BB_1331_11EB), length: UInt64(length), head: head, tail: tail)
    }
}
