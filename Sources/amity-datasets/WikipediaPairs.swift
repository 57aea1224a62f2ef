import Glibc

/// The Wikipedia extract (1,818 pairs with a Chinese city on one side): registers both
/// endpoints of every pair as places and settles the partners' coordinates and population
/// against the GeoNames matches of reference/cities_dimension_china_extract.csv.
struct WikipediaPairs {
    static let file = "wikipedia/china_sister_cities_wikipedia.csv"
    /// Within this distance the Wikipedia geocode and the GeoNames match are taken to be the
    /// same place (prefecture seats geocode up to ~60 km from their prefecture's centroid).
    static let sameplaceKm = 100.0

    let table: SourceTable
    /// For each row of `table`: the Chinese and the partner place.
    private(set) var endpoints: [(cn: Int, partner: Int)] = []

    init(root: String, gazetteer: Gazetteer) throws {
        table = try SourceTable(root: root, file: Self.file, expecting: [
            "pair_id", "cn_province", "cn_city", "cn_district", "relation_level", "partner_city", "partner_region",
            "partner_country", "partner_country_iso2", "established_year", "year_source", "cn_lat", "cn_lon",
            "partner_lat", "partner_lon", "cn_geonameid", "quality_flags"])
        var firstRowOfPartner: [(place: Int, row: SourceRow)] = []
        var flagCounts: [Int: [(flag: String, count: Int)]] = [:]
        for row in table.rows {
            let cn = try Self.chineseEndpoint(row, gazetteer)
            let partnerCount = gazetteer.registry.places.count
            let partner = try Self.partnerEndpoint(row, gazetteer)
            if gazetteer.registry.places.count > partnerCount { firstRowOfPartner.append((partner, row)) }
            for (place, side) in [(cn, true), (partner, false)] {
                gazetteer.registry[place].wikipediaPairs.append(row["pair_id"])
                for flag in Self.flags(row) where Self.flagConcernsChineseSide(flag) == side {
                    var counts = flagCounts[place] ?? []
                    if let at = counts.firstIndex(where: { $0.flag == flag }) { counts[at].count += 1 } else { counts.append((flag, 1)) }
                    flagCounts[place] = counts
                }
            }
            endpoints.append((cn, partner))
        }
        // Flags as notes, saying how many of the place's pairs carry them when not all do.
        for place in gazetteer.registry.places.indices {
            guard let counts = flagCounts[place] else { continue }
            let total = gazetteer.registry[place].wikipediaPairs.count
            for (flag, count) in counts {
                gazetteer.registry[place].addNote("Wikipedia quality_flags: " + flag + (count < total ? " (\(count) of \(total) pairs)" : ""))
            }
        }
        try Self.settleCoordinates(firstRowOfPartner, gazetteer)
    }

    /// A row's quality flag: the field holds at most one (`manual province; no GeoNames
    /// coords` is a single flag, so it is not split at the semicolon).
    static func flags(_ row: SourceRow) -> [String] {
        row.optional("quality_flags").map { [$0] } ?? []
    }

    /// Flags about the Chinese name (ambiguous, manually placed, SAR) belong to the Chinese
    /// place; `Crimea: sovereignty disputed` to the partner; `province-level partner` describes
    /// the pair and stays in the agreement's source only.
    static func flagConcernsChineseSide(_ flag: String) -> Bool? {
        if flag.hasPrefix("province-level partner") { return nil }
        return !flag.contains("sovereignty")
    }

    private static func chineseEndpoint(_ row: SourceRow, _ gazetteer: Gazetteer) throws -> Int {
        let province = row["cn_province"]
        let ref = "\(file) \(row["pair_id"])"
        if row["relation_level"] == "province" { return try gazetteer.province(province) }
        let cityName = row["cn_city"]
        if row["relation_level"] == "district" {
            return try gazetteer.district(city: cityName, district: row["cn_district"], province: province, ref: ref)
        }
        let key = PlaceRegistry.chineseCityKey(province: province, name: cityName)
        if let index = gazetteer.registry.index(forKey: key) { return index }
        // A municipality's own name is the province-level unit (cn-beijing), not a second place.
        if cityName == province, gazetteer.reference.province(named: province)?["province_type"] == "municipality" {
            let index = try gazetteer.province(province)
            gazetteer.registry.alias(key, to: index)
            return index
        }
        var place = Place(name: cityName, level: PlaceLevel.named(cityName) ?? .city,
                          levelStated: PlaceLevel.named(cityName) != nil, province: province, iso2: "CN",
                          idStem: "cn-" + (try TextNormalization.slug(cityName)))
        let geonameid = row["cn_geonameid"]
        if let record = gazetteer.reference.geonamesCity(id: geonameid) {
            place.nameZh = Gazetteer.chineseName(record)
            if let note = Gazetteer.chineseNameNote(record) { place.addNote(note) }
            (place.lat, place.lon) = (record["lat"], record["lon"])
            place.population = Gazetteer.population(record["population"])
            place.cite("\(record.ref) (geonameid \(geonameid))")
        } else if let record = gazetteer.reference.dimensionRecord(city: cityName, iso2: "CN"),
                  !geonameid.isEmpty, record["geonameid"] == geonameid {
            (place.lat, place.lon) = (record.optional("lat"), record.optional("lon"))
            place.population = Gazetteer.population(record["population"])
            place.cite("\(record.ref) (\(record["city_id"]), geonameid \(geonameid); not in the pop15k file)")
        } else {
            (place.lat, place.lon) = (row.optional("cn_lat"), row.optional("cn_lon"))
            if place.lat != nil { place.cite("coordinates from the Wikipedia row; no GeoNames record") }
        }
        return try gazetteer.registry.add(place, key: key)
    }

    private static func partnerEndpoint(_ row: SourceRow, _ gazetteer: Gazetteer) throws -> Int {
        let iso2 = row["partner_country_iso2"]
        _ = try gazetteer.reference.country(iso2: iso2)
        let name = row["partner_city"]
        let level = PlaceLevel.named(name) ?? .city
        let key = PlaceRegistry.foreignKey(iso2: iso2, level: level, name: name)
        if let index = gazetteer.registry.index(forKey: key) { return index }
        return try gazetteer.registry.add(
            Place(name: name, level: level, levelStated: PlaceLevel.named(name) != nil,
                  province: row.optional("partner_region"), iso2: iso2,
                  lat: row.optional("partner_lat"), lon: row.optional("partner_lon"),
                  idStem: iso2.lowercased() + "-" + (try TextNormalization.slug(name))),
            key: key)
    }

    /// Coordinates and population of partner places. The Wikipedia row has a geocode of the
    /// name; the dimension file has the most populous GeoNames place of that name in the
    /// country. Each can be wrong (Hastings NZ geocoded in England; Vladimir matched to
    /// Vladivostok), so:
    /// - both within `sameplaceKm`: GeoNames coordinates and population;
    /// - no GeoNames record: Wikipedia coordinates, population null;
    /// - further apart: Wikipedia coordinates and null population, unless the Wikipedia point
    ///   was geocoded abroad: a well-matched city of another country (or a Chinese city of
    ///   the GeoNames file) lies less than half as far from it as the nearest well-matched
    ///   city of its own country. Then the GeoNames match, which is at least in the right
    ///   country, is used. Either way `note` says so.
    private static func settleCoordinates(_ partners: [(place: Int, row: SourceRow)], _ gazetteer: Gazetteer) throws {
        let registry = gazetteer.registry
        var landmarks: [(iso2: String, point: (Double, Double))] = gazetteer.reference.geonames.rows.compactMap { row in
            point(row["lat"], row["lon"]).map { ("CN", $0) }
        }
        var decisions: [(place: Int, record: SourceRow?, km: Double?)] = []
        for (place, row) in partners {
            let record = gazetteer.reference.dimensionRecord(city: row["partner_city"], iso2: row["partner_country_iso2"])
            guard let record, record["match"] == "name+country (most populous)",
                  let geo = point(record.optional("lat"), record.optional("lon")) else {
                decisions.append((place, record, nil))
                continue
            }
            guard let wiki = point(registry[place].lat, registry[place].lon) else {
                decisions.append((place, record, 0))
                continue
            }
            let km = distanceKm(wiki, geo)
            if km <= sameplaceKm { landmarks.append((row["partner_country_iso2"], geo)) }
            decisions.append((place, record, km))
        }
        for (place, record, km) in decisions {
            let pairs = "\(file) \(registry[place].wikipediaPairs[0])"
            guard let record, let km else {
                let match = record.map { "\($0.ref) (\($0["city_id"])) match '\($0["match"])'" } ?? "no dimension record"
                registry[place].cite("coordinates from \(pairs); \(match), so population unknown")
                continue
            }
            var useGeoNames = true
            if km > sameplaceKm {
                let wiki = point(registry[place].lat, registry[place].lon)!
                let iso2 = registry[place].iso2
                var own = Double.infinity, abroad = (km: Double.infinity, iso2: "")
                for landmark in landmarks {
                    let distance = distanceKm(wiki, landmark.point)
                    if landmark.iso2 == iso2 { own = min(own, distance) }
                    else if distance < abroad.km { abroad = (distance, landmark.iso2) }
                }
                useGeoNames = abroad.km * 2 < own
                registry[place].addNote(useGeoNames
                    ? "coordinates doubtful: the Wikipedia geocode lies \(Int(km)) km from the GeoNames match (geonameid \(record["geonameid"])) and looks geocoded abroad (\(Int(abroad.km)) km from a city of \(abroad.iso2)); GeoNames used"
                    : "coordinates doubtful: the Wikipedia geocode and the GeoNames match (geonameid \(record["geonameid"])) are \(Int(km)) km apart; Wikipedia point kept, population left null")
            }
            if useGeoNames {
                registry[place].lat = record["lat"]
                registry[place].lon = record["lon"]
                registry[place].population = Gazetteer.population(record["population"])
                registry[place].cite("coordinates and population \(record.ref) (\(record["city_id"]), geonameid \(record["geonameid"]))")
            } else {
                registry[place].cite("coordinates from \(pairs); population unknown (\(record.ref) \(record["city_id"]) is another place)")
            }
        }
    }

    static func point(_ lat: String?, _ lon: String?) -> (Double, Double)? {
        guard let lat = lat.flatMap(Double.init), let lon = lon.flatMap(Double.init) else { return nil }
        return (lat, lon)
    }

    /// Great-circle distance (haversine, Earth radius 6371 km).
    static func distanceKm(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.0 - a.0) * radians, dLon = (b.1 - a.1) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * radians) * cos(b.0 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 6371 * 2 * asin(min(1, h.squareRoot()))
    }
}
