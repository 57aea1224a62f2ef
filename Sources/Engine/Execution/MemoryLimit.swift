import Glibc

/// The memory a query may use for what it builds, and how sizes are written.
public enum MemoryLimit {
    /// Half the machine's memory: room for the tables loaded and the rest of the system.
    public static var `default`: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 4 << 30 }
        return pages / 2 * pageSize
    }

    /// `512MB`, `4GB`, `1.5G`, `800k` or a number of bytes; nil when it is none of these or
    /// not above zero.
    public static func parse(_ text: String) -> Int? {
        let lowered = text.lowercased().filter { $0 != " " }
        let gib = 1_073_741_824.0, mib = 1_048_576.0, kib = 1024.0
        let units: [(String, Double)] = [("gb", gib), ("g", gib), ("mb", mib), ("m", mib), ("kb", kib), ("k", kib), ("b", 1)]
        var number = Substring(lowered), scale = 1.0
        for (suffix, factor) in units where lowered.hasSuffix(suffix) {
            number = lowered.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value > 0, value * scale < 9e18 else { return nil }
        let bytes = Int(value * scale)
        return bytes > 0 ? bytes : nil
    }

    /// `1.5 GB`, `300 MB`, `12 KB`, `80 bytes`.
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return "\((Double(bytes) / Double(1 << 30) * 10).rounded() / 10) GB" }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}
