/// world_outline.csv: country borders for `chart map`, from Natural Earth's 1:110m countries as
/// the source folder has them (already simplified: 10,643 points). Not a table analysts query:
/// the program draws it. Every point keeps the line it came from.
enum WorldOutlineTable {
    static let file = "reference/world_110m.csv"

    static func render(root: String) throws -> OutputTable {
        let source = try SourceTable(root: root, file: file, expecting: ["iso3", "name", "continent", "ring", "point", "lon", "lat"])
        var table = OutputTable(name: "world_outline.csv", columns: ["iso3", "name", "ring", "point", "lon", "lat", "source"])
        var previous: (ring: String, point: Int)?
        for row in source.rows {
            guard let lon = Double(row["lon"]), (-180...180).contains(lon), let lat = Double(row["lat"]), (-90...90).contains(lat) else {
                throw BuildError("\(row.ref): lon and lat must be degrees (-180 to 180, -90 to 90)")
            }
            guard let point = Int(row["point"]), Int(row["ring"]) != nil else {
                throw BuildError("\(row.ref): ring and point must be whole numbers")
            }
            // Points of a ring come in order, from 0: a drawing joins each to the next.
            let ring = row["iso3"] + "/" + row["ring"]
            let expected = previous.map { $0.ring == ring ? $0.point + 1 : 0 } ?? 0
            guard point == expected else { throw BuildError("\(row.ref): point \(point) of \(ring), expected \(expected)") }
            previous = (ring, point)
            try table.append(["iso3": row["iso3"], "name": row["name"], "ring": row["ring"], "point": row["point"],
                              "lon": row["lon"], "lat": row["lat"], "source": row.ref])
        }
        return table
    }
}
