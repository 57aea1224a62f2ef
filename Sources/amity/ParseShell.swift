import Diagnostics
import Glibc
import LineEditor
import Parser
import Syntax

/// The interactive loop of this build: reads statements with line editing, asks for more
/// lines while the parser says the input stopped early, and shows each statement's syntax
/// tree or its errors.
struct ParseShell {
    let renderer: DiagnosticRenderer

    func run() {
        let home = getenv("HOME").map { String(cString: $0) }
        let historyPath = getenv("AMITY_HISTORY").map { String(cString: $0) } ?? home.map { $0 + "/.amity_history" }
        let reader: LineReader = EditLineReader(programName: "amity", historyPath: historyPath) ?? PlainLineReader()
        print("Amity 0.1.0: this build checks queries and shows their syntax trees. Ctrl-D exits.")
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
                let source = SourceFile(name: "<repl>", text: text)
                let result = Parser.parse(source)
                if result.isIncomplete { continue }
                reader.addHistory(text)
                pending.removeAll()
                FileHandleOutput.standardError.write(renderer.render(result.diagnostics, in: source))
                if !result.statements.isEmpty { print(TreeDump.dump(result.statements)) }
            }
        }
    }
}
