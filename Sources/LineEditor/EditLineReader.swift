import CLibEdit
import Glibc

/// Line editing through libedit's native `el_gets` API: emacs keys by default, the user's
/// `~/.editrc` honoured (so `bind -v` gives vi mode), Ctrl-R history search, and history
/// kept in a file readable only by the user.
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    /// Where history is saved; nil when there is none or it cannot be used safely.
    private var historyPath: String?
    private let warn: (String) -> Void
    /// The prompt libedit asks for through the callback; kept as C memory so the pointer
    /// handed back stays valid while libedit draws.
    private var promptBuffer: UnsafeMutablePointer<CChar>?

    /// Opens libedit on the terminal; nil when standard input is not a terminal. Problems
    /// with the history file are reported through `warn` and never stop the shell.
    public init?(programName: String, historyPath: String?, historySize: Int32 = 10_000,
                 warn: @escaping (String) -> Void = { _ in }) {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        Self.useUTF8Locale()
        guard let editLine = amity_el_init(programName) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.warn = warn
        amity_history_setsize(history, historySize)
        amity_history_setunique(history, 1)
        amity_el_set_history(editLine, history)
        amity_el_set_editor(editLine, "emacs")
        amity_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        amity_el_set_prompt(editLine, promptCallback)
        amity_el_set_getc(editLine, readCallback)
        amity_el_bind(editLine, "^R", "em-inc-search-prev")
        amity_el_addfn(editLine, "amity-complete", "complete the word at the cursor", completeCallback)
        amity_el_bind(editLine, "^I", "amity-complete")
        el_source(editLine, nil)  // the user's ~/.editrc, if any
        Self.interruptReadsOnControlC()
        if let historyPath { loadHistory(from: historyPath) }
    }

    /// Reads the history file. A file libedit cannot read (another program's, or damaged) is
    /// left alone: saving would overwrite it, so this session keeps its history in memory.
    private func loadHistory(from path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // no file yet: the first save makes it
        if info.st_mode & S_IFMT != S_IFREG {
            warn("history file '\(path)' is not a regular file; history is not saved this session")
            historyPath = nil
        } else if info.st_size > 0 && amity_history_load(history, path) < 0 {
            warn("history file '\(path)' is not one amity wrote (or it is damaged); it is left as it is and history is not saved this session")
            historyPath = nil
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptBuffer)
    }

    public func readLine(prompt: String) -> LineInput {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        var count: Int32 = 0
        amity_el_prep_term(editLine, 1)
        errno = 0
        guard let raw = el_gets(editLine, &count) else {
            if errno == EINTR {
                print("")
                return .interrupted
            }
            print("")  // libedit echoes ^D without a newline
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    public func addHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace) else { return }
        amity_history_enter(history, entry)
        guard let historyPath else { return }
        // Saved after every entry so a crash or a closed terminal loses nothing. Created
        // readable by the user only before anything is written to it.
        let descriptor = open(historyPath, O_WRONLY | O_CREAT, 0o600)
        if descriptor >= 0 { close(descriptor) }
        if descriptor < 0 || amity_history_save(history, historyPath) < 0 {
            let reason = String(cString: strerror(errno))
            warn("cannot save history to '\(historyPath)': \(reason); history is kept for this session only")
            self.historyPath = nil
            return
        }
        chmod(historyPath, 0o600)
    }

    /// libedit decodes keystrokes with the C library's locale, which starts as "C" and drops
    /// every non-ASCII character: take the user's locale, or C.UTF-8 when it is not UTF-8.
    private static func useUTF8Locale() {
        if let name = setlocale(LC_CTYPE, ""), String(cString: name).lowercased().contains("utf") { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }

    /// Ctrl-C must not end the shell: a handler without SA_RESTART makes the blocked read in
    /// `el_gets` fail with EINTR, which ``readLine(prompt:)`` reports as `.interrupted`.
    private static func interruptReadsOnControlC() {
        // Keep a handler the program installed (it may also cancel a running query).
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        if unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self) { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    fileprivate var prompt: UnsafeMutablePointer<CChar>? { promptBuffer }

    public var completer: ((String) -> Completion)?

    /// Whether Ctrl-C was pressed: the program's SIGINT handler sets what this reads. When
    /// it says yes at the prompt, ``readLine(prompt:)`` returns `.interrupted`.
    public var isInterrupted: () -> Bool = { false }

    /// Tab: one candidate is inserted; several insert their common start and are listed.
    fileprivate func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: length), as: UTF8.self)
        let completion = completer(before)
        guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = completion.candidates.dropFirst().reduce(completion.candidates[0]) { $0.commonPrefix(with: $1) }
        var insert = String(common.dropFirst(completion.typed.count))
        if completion.candidates.count == 1, !common.hasSuffix("/") { insert += " " }
        if !insert.isEmpty { el_insertstr(editLine, insert) }
        if completion.candidates.count > 1 {
            let shown = completion.candidates.prefix(60).joined(separator: "  ")
            print("\n" + shown + (completion.candidates.count > 60 ? "  …" : ""))
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_REFRESH)
    }
}

extension String {
    fileprivate func commonPrefix(with other: String) -> String {
        String(zip(self, other).prefix { $0 == $1 }.map(\.0))
    }
}

/// libedit calls this on Tab; the reader comes from the client data.
private let completeCallback: amity_command_fn = { editLine, _ in
    guard let editLine, let data = amity_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().complete()
}

/// libedit asks for each keystroke through this; 1 with a character, 0 at the end of
/// input, -1 (errno EINTR) for Ctrl-C.
private let readCallback: el_rfunc_t = { editLine, character in
    guard let editLine, let character, let data = amity_el_get_clientdata(editLine) else { return -1 }
    let reader = Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    guard let next = KeystrokeReader.next(interrupted: reader.isInterrupted) else { return errno == EINTR ? -1 : 0 }
    character.pointee = wchar_t(next)
    return 1
}

/// libedit asks for the prompt through a C callback; the reader comes from the client data.
private let promptCallback: amity_prompt_fn = { editLine in
    guard let editLine, let data = amity_el_get_clientdata(editLine) else { return nil }
    let reader = Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    return reader.prompt
}
