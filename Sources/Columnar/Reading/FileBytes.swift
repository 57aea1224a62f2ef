import Glibc

/// Told how far a long load has got: a phase ("reading", "checking", "parsing") and the
/// fraction of it done. Throwing stops the load (Ctrl-C).
public typealias LoadCheckpoint = (_ phase: String, _ fraction: Double) throws -> Void

/// Whole-file reads into bytes, for scripts and data files.
public enum FileBytes {
    /// Why a file could not be read, in words for a message.
    public struct Failure: Error, Sendable {
        public var reason: String
    }

    /// `~` and `~/x` name the user's home, as in a shell; other paths are unchanged.
    public static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }

    /// The whole file. `checkpoint` (if any) hears the fraction read every 64 MB and may
    /// throw to stop, which is how a long load is cancelled.
    public static func read(_ path: String, checkpoint: LoadCheckpoint? = nil) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, checkpoint: checkpoint)
    }

    /// The rest of an open file, pipe or socket; a directory or a device is refused.
    public static func read(descriptor: Int32, checkpoint: LoadCheckpoint? = nil) throws -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        // A device such as /dev/zero never ends; pipes (<(cmd), /dev/stdin) are fine.
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK: break
        case S_IFDIR: throw Failure(reason: "it is a directory")
        default: throw Failure(reason: "it is a device, not a file")
        }
        return try readAll(descriptor, sizeHint: Int(info.st_size), checkpoint: checkpoint)
    }

    /// Standard input to its end.
    public static func readStandardInput() throws -> [UInt8] {
        try readAll(STDIN_FILENO, sizeHint: 0)
    }

    /// Reads until end of file, retrying reads a signal interrupted.
    private static func readAll(_ descriptor: Int32, sizeHint: Int, checkpoint: LoadCheckpoint? = nil) throws -> [UInt8] {
        // A file of known size is read straight into its final buffer, 16 MB per call.
        var failure: Int32 = 0
        var bytes = try [UInt8](unsafeUninitializedCapacity: max(0, sizeHint)) { buffer, filled in
            filled = 0
            if let base = buffer.baseAddress { HugePages.request(UnsafeMutableRawPointer(base), byteCount: buffer.count) }
            while filled < buffer.count {
                if let checkpoint, filled % (1 << 26) < (1 << 24) && filled > 0 {
                    try checkpoint("reading", Double(filled) / Double(buffer.count))
                }
                let count = Glibc.read(descriptor, buffer.baseAddress! + filled, min(1 << 24, buffer.count - filled))
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failure = errno; return }
                if count == 0 { return }
                filled += count
            }
        }
        if failure != 0 { throw Failure(reason: String(cString: strerror(failure))) }
        // Then whatever is left (a pipe, or a file that grew).
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var reported = bytes.count
        while true {
            if let checkpoint, bytes.count - reported >= 1 << 26 {
                reported = bytes.count
                try checkpoint("reading", 0)
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw Failure(reason: String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
