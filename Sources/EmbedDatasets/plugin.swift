import Foundation
import PackagePlugin

/// Compiles the CSV files of `datasets/` into the program, already parsed (as table images),
/// so the bundled tables are there however `amity` is started, from any folder or as a copied
/// binary, and start-up does not parse them.
///
/// The tables are listed by name rather than found by listing the folder. SwiftPM plans
/// build commands once per manifest, so after adding or removing one of these files, touch
/// Package.swift (a fresh clone needs nothing); edits to a file rebuild by themselves.
@main
struct EmbedDatasets: BuildToolPlugin {
    /// The bundled tables: the names analysts and saved scripts rely on.
    static let tables = ["agreements", "aid", "cities", "countries", "provinces", "totals", "visits"]
    /// What the program draws with, not a table to query: the borders of `chart map`.
    static let drawings = ["world_outline"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "datasets")
        let files = (Self.tables + Self.drawings).map { folder.appending(path: "\($0).csv") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDatasets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) datasets",
                executable: try context.tool(named: "amity-embed").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
