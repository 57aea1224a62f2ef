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
}

/// Builds a ``StringDictionary``, giving each distinct string one code.
///
/// Lookups hash the bytes with FNV-1a into an open-addressing table of codes, so building
/// never creates a `String` per value.
public struct StringDictionaryBuilder {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [UInt32]  // code + 1; 0 = empty
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
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

    /// The code of raw bytes if present, and otherwise the free slot where they would go.
    private func find(_ value: UnsafeBufferPointer<UInt8>) -> (code: UInt32?, slot: Int) {
        var slot = Self.hash(value) & mask
        let found: UInt32? = bytes.withUnsafeBufferPointer { stored in
            while slots[slot] != 0 {
                let code = Int(slots[slot] - 1)
                let start = offsets[code], length = offsets[code + 1] - start
                if length == value.count,
                   length == 0 || memcmp(stored.baseAddress! + start, value.baseAddress!, length) == 0 {
                    return UInt32(code)
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
        return (found, slot)
    }

    /// The code of raw bytes if they are present.
    public func lookup(bytes value: UnsafeBufferPointer<UInt8>) -> UInt32? {
        find(value).code
    }

    /// The code of raw bytes, adding them when new.
    public mutating func code(forBytes value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let (found, slot) = find(value)
        if let found { return found }
        return insert(value, at: slot)
    }

    private mutating func insert(_ value: UnsafeBufferPointer<UInt8>, at slot: Int) -> UInt32 {
        let code = UInt32(count)
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
        slots[slot] = code + 1
        if count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `value`, adding it when new, but only if it is valid UTF-8 (nil if
    /// not): a loader checks each distinct string once instead of every row.
    public mutating func code(forValidating value: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let (found, slot) = find(value)
        if let found { return found }
        guard String(validating: value, as: UTF8.self) != nil else { return nil }
        return insert(value, at: slot)
    }

    public mutating func code(for value: String) -> UInt32 {
        var value = value
        return value.withUTF8 { code(for: $0) }
    }

    public func build() -> StringDictionary {
        StringDictionary(bytes: bytes, offsets: offsets)
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for code in 0..<count {
            var slot = Self.hash(bytes[offsets[code]..<offsets[code + 1]]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(code + 1)
        }
    }

    static func hash<C: Collection>(_ value: C) -> Int where C.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in value {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
