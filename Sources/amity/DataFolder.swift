import Columnar
import Glibc
import Shell

/// `--data DIR`: every CSV in a folder, as tables named after the files.
enum DataFolder {
    struct Failure: Error {
        var message: String
    }

    static func load(_ path: String, threads: Int) throws -> [(String, Table)] {
        guard let directory = opendir(path) else {
            throw Failure(message: "cannot open data folder '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasSuffix(".csv") { names.append(name) }
        }
        var tables: [(String, Table)] = []
        for name in names.sorted() {
            let file = path + "/" + name
            do {
                let (loaded, _) = try DataFileReader.read(path: file, threads: threads)
                tables.append((String(name.dropLast(4)), loaded.table))
            } catch let error as DataFileError {
                throw Failure(message: "\(file):\(error.line):\(error.column): \(error.message)")
            } catch let error as FileBytes.Failure {
                throw Failure(message: "cannot read '\(file)': \(error.reason)")
            }
        }
        return tables
    }
}
