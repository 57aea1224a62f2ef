import Glibc

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

    public static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        // A device such as /dev/zero never ends; pipes (<(cmd), /dev/stdin) are fine.
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK: break
        case S_IFDIR: throw Failure(reason: "it is a directory")
        default: throw Failure(reason: "it is a device, not a file")
        }
        return try readAll(descriptor, sizeHint: Int(info.st_size))
    }

    /// Standard input to its end.
    public static func readStandardInput() throws -> [UInt8] {
        try readAll(STDIN_FILENO, sizeHint: 0)
    }

    /// Reads until end of file, retrying reads a signal interrupted.
    private static func readAll(_ descriptor: Int32, sizeHint: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, sizeHint))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw Failure(reason: String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
