import ArgumentParser
import Diagnostics
import Glibc
import Parser
import Syntax

/// The `amity` command line. This build parses and checks queries; the engine that runs
/// them is built on top of the same front end.
@main
struct Amity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amity",
        abstract: "An analytics shell for the international relations of Chinese provinces and cities.",
        discussion: """
            With a terminal and no arguments, opens the interactive shell. With files, runs them as \
            scripts; with -c, runs one query; with piped input, reads queries from stdin.
            Exit codes: 0 success, 1 an error in a query, 2 a usage or file error.
            """,
        version: "0.1.0"
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run one query (repeatable).", valueName: "query"))
    var commands: [String] = []

    @Flag(help: "Only check the syntax of the input; needs no data. Exits 1 if there are errors.")
    var check = false

    @Flag(name: .customLong("dump-ast"), help: "Print the syntax tree of each statement.")
    var dumpAST = false

    @Argument(help: ArgumentHelp("Scripts to run.", valueName: "file.q"))
    var files: [String] = []

    /// argument-parser exits 64 on bad usage; Amity promises 2, like other Unix tools.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success {  // --help, --version
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            FileHandleOutput.standardError.write("amity: " + fullMessage(for: error) + "\n")
            Glibc.exit(2)
        }
    }

    func run() throws {
        let renderer = DiagnosticRenderer(useColor: Terminal.colorsOnStandardError)
        var sources: [SourceFile] = []
        for path in files {
            do {
                sources.append(SourceFile(name: path, bytes: try FileReader.read(path)))
            } catch let error as FileReader.Failure {
                FileHandleOutput.standardError.write("amity: \(error.message)\n")
                throw ExitCode(2)
            }
        }
        sources += commands.map { SourceFile(name: "<command line>", text: $0) }

        if sources.isEmpty {
            if isatty(STDIN_FILENO) == 1 && !check && !dumpAST {
                ParseShell(renderer: renderer).run()
                return
            }
            sources.append(SourceFile(name: "<stdin>", bytes: FileReader.readStandardInput()))
        }

        var failed = false
        for source in sources {
            let result = Parser.parse(source)
            FileHandleOutput.standardError.write(renderer.render(result.diagnostics, in: source))
            failed = failed || result.hasErrors
            if dumpAST && !result.statements.isEmpty {
                print(TreeDump.dump(result.statements))
            }
        }
        if !check && !dumpAST && !failed {
            FileHandleOutput.standardError.write(
                "note: the syntax is correct; this build of amity checks queries but does not run them yet\n")
        }
        if failed { throw ExitCode(1) }
    }
}
