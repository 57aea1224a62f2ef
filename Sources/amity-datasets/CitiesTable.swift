extension Gazetteer {
    /// The 31 province-level units of reference/cn_provinces.csv, registered before any
    /// relation so every source reaches the same rows. Their lat/lon are the capital's (the
    /// file has no other point); population stays null because the file only has the
    /// capital's. A municipality is its own city, so it takes its GeoNames city record.
    func registerProvinces() throws {
        for row in reference.provinces.rows {
            let name = row["province_en"]
            var place = Place(name: name, nameZh: row.optional("province_zh"), level: .province, levelStated: true,
                              province: name, iso2: "CN", idStem: "cn-" + (try TextNormalization.slug(name)))
            let type = row["province_type"]
            if type == "municipality", let city = reference.geonamesCities(named: name, province: name).first {
                (place.lat, place.lon) = (city["lat"], city["lon"])
                place.population = Gazetteer.population(city["population"])
                place.cite("\(row.ref) (\(row["iso_3166_2"]), municipality: province-level)")
                place.cite("lat/lon and population of the city record \(city.ref) (geonameid \(city["geonameid"]))")
            } else {
                (place.lat, place.lon) = (row.optional("capital_lat"), row.optional("capital_lon"))
                place.cite("\(row.ref) (\(row["iso_3166_2"]), \(type); lat/lon = capital \(row["capital"]), population unknown)")
            }
            try registry.add(place, key: PlaceRegistry.provinceKey(name))
        }
    }

    /// Levels and parents from seed_facts/places.csv for places the relations already reached
    /// (Haikou and Jinan are prefecture-level cities, Vladimir lies in Vladimir Oblast). It
    /// creates nothing: places named only in seed events (Boao, Moscow, Lixia district) are
    /// in no relation.
    /// Returns the places.csv rows no relation reached, for the list of what was left out.
    func enrichFromSeedPlaces() -> [String] {
        var unused: [String] = []
        for row in seedPlaces.rows {
            let name = row["place"], type = row["place_type"]
            guard let level = PlaceLevel.stated(type) else { continue }
            let key: String
            if row["country"] == "China" {
                if level == .province { key = PlaceRegistry.provinceKey(name) }
                else if level == .district || level == .county {
                    let parent = registry.chineseCities(named: row["parent"]).first.map { registry[$0] }
                    guard let parent, let province = parent.province else {
                        unused.append("\(row.ref): \(name) (\(type)): parent '\(row["parent"])' not found"); continue
                    }
                    key = PlaceRegistry.districtKey(province: province, city: parent.name, district: name)
                } else if let province = row.optional("parent") { key = PlaceRegistry.chineseCityKey(province: province, name: name) }
                else { unused.append("\(row.ref): \(name) (\(type)): no province to place it"); continue }
            } else {
                guard let iso2 = reference.iso2(countryName: row["country"]) else { continue }
                let stored = Self.disputedPlaces[iso2 + "|" + TextNormalization.matchKey(name)]?.iso2 ?? iso2
                key = PlaceRegistry.foreignKey(iso2: stored, level: level, name: name)
            }
            guard let index = registry.index(forKey: key) else {
                unused.append("\(row.ref): \(name) (\(type), \(row["role_in_seed"])): named in a seed but in no relation")
                continue
            }
            if !registry[index].levelStated && level != .city {
                registry[index].level = level
                registry[index].levelStated = true
            }
            if registry[index].province == nil, row["country"] != "China", let parent = row.optional("parent") {
                registry[index].province = parent
            }
            // Cited once: the place may already cite this line from a relation that used it.
            registry[index].sources.removeAll { $0 == row.ref }
            registry[index].cite("\(row.ref) (\(type)\(row.optional("parent").map { ", parent \($0)" } ?? ""))")
        }
        return unused
    }
}

/// cities.csv, sorted by city_id.
enum CitiesTable {
    /// Bare line citations of one file as one entry, in first-seen order:
    /// `pages/aid.csv L13; pages/aid.csv L14` -> `pages/aid.csv L13, L14`.
    static func compacted(_ sources: [String]) -> [String] {
        var out: [String] = []
        var lineLists: [String: Int] = [:]
        for source in sources {
            let parts = source.split(separator: " ")
            if parts.count == 2, parts[1].hasPrefix("L"), Int(parts[1].dropFirst()) != nil {
                let file = String(parts[0])
                if let at = lineLists[file] {
                    if !out[at].hasSuffix(" " + parts[1]) && !out[at].contains(" \(parts[1]),") { out[at] += ", " + parts[1] }
                    continue
                }
                lineLists[file] = out.count
            }
            out.append(source)
        }
        return out
    }

    static let columns = ["city_id", "name", "name_zh", "level", "province", "country", "iso2", "continent", "lat", "lon",
                          "population", "note", "source"]

    static func render(_ gazetteer: Gazetteer, ids: [String]) throws -> OutputTable {
        var table = OutputTable(name: "cities.csv", columns: columns)
        for index in gazetteer.registry.places.indices.sorted(by: { ids[$0] < ids[$1] }) {
            let place = gazetteer.registry[index]
            let country = try gazetteer.reference.country(iso2: place.iso2)
            var sources: [String] = []
            if let first = place.wikipediaPairs.first {
                let more = place.wikipediaPairs.count - 1
                sources.append("\(WikipediaPairs.file) \(first)" + (more > 0 ? " (+\(more) more pair\(more == 1 ? "" : "s"))" : ""))
            }
            sources += compacted(place.sources)
            if place.lat == nil {
                sources.append(place.level == .district && place.iso2 == "CN"
                    ? "no coordinates of its own in the sources (Wikipedia rows repeat the parent city's)"
                    : "no coordinates in the sources")
            }
            try table.append([
                "city_id": ids[index], "name": place.name, "name_zh": place.nameZh, "level": place.level.rawValue,
                "province": place.province, "country": country["name"], "iso2": place.iso2, "continent": country["continent"],
                "lat": place.lat, "lon": place.lon, "population": place.population,
                "note": place.notes.isEmpty ? nil : place.notes.joined(separator: "; "),
                "source": sources.joined(separator: "; "),
            ])
        }
        return table
    }
}
