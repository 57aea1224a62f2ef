import Diagnostics
import Engine
import Glibc
import LineEditor
import Parser
import Syntax

/// The interactive loop: reads statements with line editing, asks for more lines while the
/// parser says the input stopped early, runs each entry and shows its result or errors.
struct InteractiveShell {
    let session: Session
    let renderer: DiagnosticRenderer

    func run() {
        let home = getenv("HOME").map { String(cString: $0) }
        let historyPath = getenv("AMITY_HISTORY").map { String(cString: $0) } ?? home.map { $0 + "/.amity_history" }
        let reader: LineReader = EditLineReader(programName: "amity", historyPath: historyPath) ?? PlainLineReader()
        var runner = ScriptRunner(session: session, renderer: renderer, timing: false)
        runner.reportsLoads = true
        print("Amity 0.1.0. Ctrl-D exits.")
        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? "amity> " : "   ...> "
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                return
            case .interrupted:
                pending.removeAll()
            case .line(let line):
                pending.append(line)
                let text = pending.joined(separator: "\n")
                if Parser.parse(SourceFile(name: "<repl>", text: text)).isIncomplete { continue }
                reader.addHistory(text)
                pending.removeAll()
                _ = runner.run(SourceFile(name: "<repl>", text: text))
            }
        }
    }
}
