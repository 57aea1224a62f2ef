import Foundation
import Glibc

/// Runs a program on a pseudo-terminal so a test can type at it the way a person does:
/// keystrokes go in through the terminal (Ctrl-C becomes SIGINT through the line
/// discipline), and the screen output comes back with escape sequences removed.
final class PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let master: Int32
    private let pid: pid_t
    /// Everything the program wrote, escape sequences and carriage returns removed.
    private(set) var screen = ""
    /// Everything the program wrote, as it wrote it.
    private(set) var raw: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `executable` as the leader of a new session whose controlling terminal is a
    /// fresh pty, 100 columns by 30 rows.
    init(_ executable: String, arguments: [String], environment: [String: String]) throws {
        // posix_openpt and friends are hidden behind feature macros Swift does not set; on
        // Linux they are /dev/ptmx plus TIOCSPTLCK and TIOCGPTN (macros Swift cannot import).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw Failure(description: "no pty: \(String(cString: strerror(errno)))")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, the terminal becomes the controlling one of the new session.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (POSIX_SPAWN_SETSID, hidden like the pty calls), with the signal
        // mask and SIGINT's handling reset as a login shell would leave them
        // (POSIX_SPAWN_SETSIGMASK, POSIX_SPAWN_SETSIGDEF).
        posix_spawnattr_setflags(&attributes, 0x80 | 0x08 | 0x04)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &interrupt)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "spawn failed: \(String(cString: strerror(spawned)))") }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Whether the program wrote any SGR (colour or bold) escape sequence.
    var wroteColour: Bool {
        raw.indices.contains { index in
            guard raw[index] == 0x1b, index + 1 < raw.count, raw[index + 1] == UInt8(ascii: "[") else { return false }
            var end = index + 2
            while end < raw.count, (0x30...0x3f).contains(raw[end]) { end += 1 }
            return end < raw.count && raw[end] == UInt8(ascii: "m")
        }
    }

    /// Resizes the terminal, as a person dragging the window's corner: the program gets SIGWINCH.
    func resize(columns: Int, rows: Int = 30) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types text; `\r` is Enter, `\u{3}` Ctrl-C, `\u{4}` Ctrl-D, `\t` Tab.
    func type(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Waits until the screen, after position `from`, shows `text`; returns the position
    /// just past it. Throws with the screen so far when it does not come within `seconds`.
    @discardableResult
    func expect(_ text: String, after from: String.Index? = nil, within seconds: Double = 30) throws -> String.Index {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let start = from ?? screen.startIndex
            if let found = screen[start...].range(of: text) { return found.upperBound }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, readSome(timeout: left) != .closed else {
                throw Failure(description: "'\(text)' did not appear; the screen shows:\n\(screen)")
            }
        }
    }

    /// Reads whatever arrives within `seconds`.
    func drain(for seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0, readSome(timeout: deadline.timeIntervalSinceNow) != .closed {}
    }

    /// Waits for the program to end and returns its exit status (or 128 + signal).
    func waitForExit(within seconds: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7f
                let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                exitStatus = code
                return code
            }
            _ = readSome(timeout: 0.05)
        }
        throw Failure(description: "the program did not exit; the screen shows:\n\(screen)")
    }

    private enum ReadOutcome { case data, nothingYet, closed }

    /// One read from the terminal, waiting at most a second.
    private func readSome(timeout: Double) -> ReadOutcome {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(max(1, min(timeout, 1) * 1000))) > 0 else { return .nothingYet }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return .closed }  // EIO once the program has gone
        raw += buffer[..<count]
        screen = Self.plainText(raw)
        return .data
    }

    /// The bytes as text with CSI/OSC escape sequences, carriage returns and bells removed.
    static func plainText(_ bytes: [UInt8]) -> String {
        var kept: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1b, index + 1 < bytes.count {
                index += 1
                if bytes[index] == UInt8(ascii: "[") {
                    index += 1
                    while index < bytes.count, !(0x40...0x7e).contains(bytes[index]) { index += 1 }
                } else if bytes[index] == UInt8(ascii: "]") {
                    while index < bytes.count, bytes[index] != 0x07 { index += 1 }
                }
                index += 1
                continue
            }
            if byte != UInt8(ascii: "\r") && byte != 0x07 && byte != 0x08 { kept.append(byte) }
            index += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
