import Diagnostics
import Glibc
import LineEditor
import Parser
import Shell
import Syntax

/// The interactive loop: reads statements with line editing, asks for more lines while the
/// parser says the input stopped early, and runs each entry through the shell.
struct InteractiveShell {
    let shell: ShellSession

    func run() {
        let home = getenv("HOME").map { String(cString: $0) }
        let historyPath = getenv("AMITY_HISTORY").map { String(cString: $0) } ?? home.map { $0 + "/.amity_history" }
        shell.reportsLoads = true
        // A long statement shows where it is, on standard error when that is the terminal.
        if isatty(STDERR_FILENO) == 1 { shell.progressSink = { FileHandleOutput.standardError.write($0) } }
        let reader: LineReader = EditLineReader(programName: "amity", historyPath: historyPath) { warning in
            FileHandleOutput.standardError.write("amity: warning: \(warning)\n")
        } ?? PlainLineReader()
        let tables = shell.engine.tables.keys.sorted().joined(separator: ", ")
        print("Amity 0.1.0: \(tables.isEmpty ? "no tables" : "tables " + tables). .help for help, Ctrl-D to leave.")
        reader.isInterrupted = { interrupt.isCancelled }
        var pending: [String] = []
        reader.completer = { before in
            let context = (pending + [before]).joined(separator: "\n")
            let found = Completer.complete(context, shell: shell)
            return Completion(typed: found.typed, candidates: found.candidates)
        }
        while !shell.quitRequested {
            let prompt = pending.isEmpty ? "amity> " : "   ...> "
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                return
            case .interrupted:
                interrupt.reset()
                pending.removeAll()
            case .line(var line):
                // A line starting with '|' goes on from the last result: in a script it would
                // continue the pipeline above, which the REPL has already run.
                if pending.isEmpty, line.drop(while: \.isWhitespace).hasPrefix("|"),
                   shell.engine.tables["_"] != nil {
                    line = "_ " + line.drop(while: \.isWhitespace)
                }
                pending.append(line)
                let text = pending.joined(separator: "\n")
                if Parser.parse(SourceFile(name: "<repl>", text: text)).isIncomplete { continue }
                pending.removeAll()
                guard !text.allSatisfy(\.isWhitespace) else { continue }
                // A password typed in a .connect URL is never kept.
                reader.addHistory(ShellSession.forHistory(text))
                shell.history.append(ShellSession.forHistory(text))
                // The terminal may have been resized since the last result.
                if shell.formatter.maxWidth != nil { shell.formatter.maxWidth = Terminal.columns }
                shell.run(SourceFile(name: "<repl>", text: text))
            }
        }
    }
}
