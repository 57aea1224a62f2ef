/// Country borders for the map: closed rings of longitude and latitude in degrees.
public struct WorldOutline: Sendable {
    public var rings: [[(lon: Double, lat: Double)]]

    public init(rings: [[(lon: Double, lat: Double)]]) {
        self.rings = rings
    }
}

/// The map's equirectangular projection, shared by the terminal and the SVG so a point lands
/// in the same place in both: longitude -180...180 across, latitude 90...-90 down.
enum MapProjection {
    static let longitude = Axis(lower: -180, upper: 180, ticks: [])
    static let latitude = Axis(lower: -90, upper: 90, ticks: [])

    /// Where a point falls, from (0, 0) at the top left to (1, 1) at the bottom right.
    static func unit(lon: Double, lat: Double) -> (x: Double, y: Double) {
        (longitude.fraction(lon), 1 - latitude.fraction(lat))
    }

    /// A ring's edges, leaving out those that jump more than half the globe: a ring crossing
    /// the antimeridian would otherwise draw a line across the whole map.
    static func edges(_ ring: [(lon: Double, lat: Double)]) -> [((lon: Double, lat: Double), (lon: Double, lat: Double))] {
        guard ring.count > 1 else { return [] }
        var edges: [((lon: Double, lat: Double), (lon: Double, lat: Double))] = []
        for index in ring.indices {
            let from = ring[index], to = ring[(index + 1) % ring.count]
            guard from.lon.isFinite, from.lat.isFinite, to.lon.isFinite, to.lat.isFinite else { continue }
            if abs(to.lon - from.lon) > 180 { continue }
            edges.append((from, to))
        }
        return edges
    }
}

/// The points of a map: longitude, latitude and (for the first few hundred) a label.
struct MapPoints {
    var lons: [Double] = []
    var lats: [Double] = []
    var labels: [String] = []
    var leftOut = LeftOut()
    /// Labels are written only for maps of at most this many points: more would only collide.
    static let labelLimit = 300
}
