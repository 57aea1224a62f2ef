import Columnar
import Glibc

/// File names for Tab inside `load "...` and after `.read`, `.load`, `.output` and `.once`.
enum PathCompletion {
    /// Candidates that extend `typed`, a path as written so far (after an opening quote when
    /// `quoted`). A directory ends in `/` so Tab can go on into it; a file in a quoted path
    /// gets its closing quote. Hidden entries only when the name typed starts with a dot.
    static func candidates(for typed: String, quoted: Bool) -> [String] {
        let path = quoted ? String(typed.dropFirst()) : typed
        let slash = path.lastIndex(of: "/")
        let folderPart = slash.map { String(path[...$0]) } ?? ""
        let namePart = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let folder = FileBytes.expandingHome(folderPart.isEmpty ? "." : folderPart)
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var found: [String] = []
        while let entry = readdir(directory), found.count < 5_000 {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name.hasPrefix(namePart) else { continue }
            if name.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
            var info = stat()
            let isFolder = stat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            let written = (quoted ? "\"" : "") + folderPart + name
            found.append(isFolder ? written + "/" : written + (quoted ? "\"" : ""))
        }
        return found.sorted()
    }
}
