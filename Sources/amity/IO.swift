import Glibc

/// Writes text to standard error or output without Foundation.
struct FileHandleOutput {
    let descriptor: Int32

    static let standardError = FileHandleOutput(descriptor: STDERR_FILENO)
    static let standardOutput = FileHandleOutput(descriptor: STDOUT_FILENO)

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        if descriptor == STDOUT_FILENO { fflush(nil) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Whole-file reads with errors that say what went wrong.
enum FileReader {
    struct Failure: Error {
        var message: String
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw Failure(message: "cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var info = stat()
        if fstat(fileno(file), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(message: "cannot read '\(path)': it is a directory")
        }
        let bytes = readAll(file)
        if ferror(file) != 0 {
            throw Failure(message: "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    /// Reads standard input to its end with read(2), retrying interrupted reads.
    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func readAll(_ file: UnsafeMutablePointer<FILE>) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

/// Terminal facts that decide colours and prompts.
enum Terminal {
    static var colorsOnStandardError: Bool {
        isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil
    }
}
