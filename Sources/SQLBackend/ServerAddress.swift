import FoundationEssentials

/// Where a PostgreSQL server is and who connects: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`
/// (`postgresql://` too). The password comes from the URL, else `PGPASSWORD`, else the
/// first matching line of `~/.pgpass` (or `PGPASSFILE`); it never appears in ``description``.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// Why a URL was refused, for the user.
    public struct Invalid: Error, Sendable, Equatable {
        public var reason: String
    }

    public init(user: String, password: String?, host: String, port: Int, database: String) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// Parses a URL; `environment` and `home` are where a missing password is looked up.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                home: String? = ProcessInfo.processInfo.environment["HOME"]) throws {
        guard let schemeEnd = text.firstRange(of: "://"),
              ["postgres", "postgresql"].contains(text[..<schemeEnd.lowerBound].lowercased()) else {
            throw Invalid(reason: "a server is written postgres://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        var credentials: Substring = ""
        if let at = rest.lastIndex(of: "@") {
            credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        let hostPart = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
        let databasePart = rest.firstIndex(of: "/").map { rest[rest.index(after: $0)...] } ?? ""
        var userPart = credentials, passwordPart: Substring?
        if let colon = credentials.firstIndex(of: ":") {
            userPart = credentials[..<colon]
            passwordPart = credentials[credentials.index(after: colon)...]
        }
        let decode = { (part: Substring) -> String in Self.percentDecoded(part) }
        user = userPart.isEmpty ? (environment["PGUSER"] ?? environment["USER"] ?? "postgres") : decode(userPart)
        var hostName = String(hostPart), portNumber = 5432
        if let colon = hostPart.lastIndex(of: ":"), !hostPart.hasSuffix("]") {
            hostName = String(hostPart[..<colon])
            guard let number = Int(hostPart[hostPart.index(after: colon)...]), (1...65_535).contains(number) else {
                throw Invalid(reason: "the port must be a number from 1 to 65535, got '\(hostPart[hostPart.index(after: colon)...])'")
            }
            portNumber = number
        }
        if hostName.hasPrefix("["), hostName.hasSuffix("]") { hostName = String(hostName.dropFirst().dropLast()) }
        host = hostName.isEmpty ? "localhost" : decode(Substring(hostName))
        port = portNumber
        database = databasePart.isEmpty ? user : decode(databasePart)
        password = passwordPart.map { decode($0) } ?? environment["PGPASSWORD"]
        if password == nil {
            let file = environment["PGPASSFILE"] ?? home.map { $0 + "/.pgpass" }
            password = file.flatMap { Self.passwordFile($0, host: host, port: port, database: database, user: user) }
        }
    }

    /// `%40` and the like decoded; text that is not valid percent-encoding is kept as written.
    static func percentDecoded(_ part: Substring) -> String {
        var bytes: [UInt8] = [], index = part.utf8.startIndex
        let utf8 = part.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
               let low = utf8.index(high, offsetBy: 1, limitedBy: utf8.endIndex), low < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: low)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL without the password, for messages and the prompt.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The password of the first line of a `.pgpass` file that matches (`*` matches anything;
    /// `\:` and `\\` are a literal colon and backslash).
    static func passwordFile(_ path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [], field = "", escaped = false
            for character in line {
                if escaped { field.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == ":" && fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else { field.append(character) }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
