/// Finds or creates the place a source row names, so that every source reaches the same row
/// of cities.csv for the same place: Wikipedia's `Ōita`, the pages' `Oita` and the aid rows'
/// `Oita` are one city.
final class Gazetteer {
    let registry = PlaceRegistry()
    let reference: ReferenceData
    let seedPlaces: SourceTable

    /// Spellings in `pages/` and `seed_facts/` that name a Wikipedia place differently, with why.
    static let foreignAliases: [String: (name: String, why: String)] = [
        "KR|Wanju-gun": ("Wanju", "'-gun' is Korean for county; Wikipedia writes 'Wanju'"),
    ]

    /// Places a seed puts in another country than Wikipedia and GeoNames do: one place, filed
    /// under the Wikipedia country, with the seed's country kept in the relation row.
    static let disputedPlaces: [String: (iso2: String, why: String)] = [
        "RU|yalta": ("UA", "Yalta filed under Ukraine as in Wikipedia ('Crimea: sovereignty disputed'); this row says Russia"),
    ]

    /// Levels for places whose source row gives none, with why. Each is a plain fact about
    /// the place (Maryland is a US state), never a guess about a relation.
    static let knownLevels: [String: (level: PlaceLevel, why: String)] = [
        "US|Maryland": (.province, "a US state (first-level unit, like the pages' other states); level not in the source row"),
        "KR|Chungcheongnam-do": (.province, "'-do' is a South Korean province; level not in the source row"),
        "KR|Jeollanam-do": (.province, "'-do' is a South Korean province; level not in the source row"),
        "JP|Okinawa": (.prefecture, "venue written 'Okinawa, Japan', read as Okinawa Prefecture; level not stated"),
        "ZA|Western Cape": (.province, "its head is a Premier, the title of South African provincial heads; level not stated"),
    ]

    init(reference: ReferenceData, seedPlaces: SourceTable) {
        self.reference = reference
        self.seedPlaces = seedPlaces
    }

    // MARK: Chinese places

    /// The province-level unit (registered up front from reference/cn_provinces.csv).
    func province(_ name: String) throws -> Int {
        guard let index = registry.index(forKey: PlaceRegistry.provinceKey(name)) else {
            throw BuildError("'\(name)' is not a province-level unit in \(ReferenceData.provincesFile)")
        }
        return index
    }

    /// A Chinese place named by `pages/` or `seed_facts/`: a province-level unit, a city or a
    /// district (`Wuxi (Xinwu district)`, `Ningbo Beilun District`). `province` may be nil
    /// when the row gives none; the name must then be unique among Chinese cities.
    func chinesePlace(name rawName: String?, province: String?, levelText: String?, ref: String) throws -> Int {
        let name = rawName?.trimmingSpaces() ?? ""
        if name.isEmpty {
            guard let province else { throw BuildError("\(ref): Chinese place without name or province") }
            return try cited(self.province(province), ref)
        }
        if reference.province(named: name) != nil && (province == nil || province == name) {
            return try cited(self.province(name), ref)
        }
        if let parts = Self.districtParts(name) {
            let city = try chineseCity(name: parts.city, province: province, ref: ref, register: false)
            return try district(city: parts.city, district: parts.district, province: city.province, ref: ref)
        }
        let index = try chineseCity(name: name, province: province, ref: ref, register: true).index!
        // `city` is the default already; a stated prefecture or county is more precise.
        if let levelText, let level = PlaceLevel.stated(levelText), !registry[index].levelStated,
           level != .province, level != .city {
            registry[index].level = level
            registry[index].levelStated = true
        }
        return cited(index, ref)
    }

    /// `City (D district)` or `City D District` as (city, district); nil for other names.
    static func districtParts(_ name: String) -> (city: String, district: String)? {
        if let split = TextNormalization.trailingParenthesis(name), split.inner.lowercased().hasSuffix(" district") {
            return (split.base, String(split.inner.dropLast(" district".count)))
        }
        guard name.lowercased().hasSuffix(" district") else { return nil }
        let words = name.dropLast(" district".count).split(separator: " ", maxSplits: 1)
        guard words.count == 2 else { return nil }
        return (String(words[0]), String(words[1]))
    }

    /// A Chinese city: already registered (by province and name, or by a unique name), else
    /// created from its unique GeoNames record. With `register: false` only its province is
    /// wanted (for a district), and nothing is created.
    func chineseCity(name: String, province: String?, ref: String, register: Bool) throws -> (index: Int?, province: String) {
        if let province, let index = registry.index(forKey: PlaceRegistry.chineseCityKey(province: province, name: name)) {
            return (index, province)
        }
        if province == nil {
            let known = registry.chineseCities(named: name)
            if known.count > 1 { throw BuildError("\(ref): '\(name)' names several Chinese cities; the row needs a province") }
            if let index = known.first { return (index, registry[index].province!) }
        }
        let records = reference.geonamesCities(named: name, province: province)
        guard records.count == 1, let record = records.first else {
            throw BuildError("\(ref): '\(name)' (\(province ?? "no province")) matches \(records.count) GeoNames cities")
        }
        guard register else { return (nil, record["province_en"]) }
        let index = try registry.add(
            Place(name: name, nameZh: Self.chineseName(record), level: .city, levelStated: false,
                  province: record["province_en"], iso2: "CN", lat: record["lat"], lon: record["lon"],
                  population: Self.population(record["population"]),
                  notes: Self.chineseNameNote(record).map { [$0] } ?? [],
                  sources: ["\(record.ref) (geonameid \(record["geonameid"]))"],
                  idStem: "cn-" + (try TextNormalization.slug(name))),
            key: PlaceRegistry.chineseCityKey(province: record["province_en"], name: name))
        return (index, record["province_en"])
    }

    /// A district of a Chinese city. Sources give districts without coordinates of their own
    /// (Wikipedia rows repeat the parent city's), so lat/lon stay null.
    func district(city: String, district rawDistrict: String, province: String, ref: String) throws -> Int {
        var district = rawDistrict
        if district.lowercased().hasSuffix(" district") { district = String(district.dropLast(" district".count)) }
        let key = PlaceRegistry.districtKey(province: province, city: city, district: district)
        if let index = registry.index(forKey: key) { return cited(index, ref) }
        return try registry.add(
            Place(name: rawDistrict, level: .district, levelStated: true, province: province, iso2: "CN",
                  sources: ref.hasPrefix(WikipediaPairs.file) ? [] : [ref + " (district of \(city))"],
                  idStem: "cn-" + (try TextNormalization.slug(city)) + "-" + (try TextNormalization.slug(district))),
            key: key)
    }

    // MARK: Foreign places

    /// A foreign place named by `pages/` or `seed_facts/`. `Kansas City (Missouri)` gives the
    /// region, `Cegled (Cegléd)` a second spelling. Matched to an existing place of the same
    /// country, kind (area or settlement) and folded name; else created without coordinates
    /// (no source gives any).
    func foreignPlace(name rawName: String, country: String, levelText: String?, parent: String? = nil,
                      ref: String) throws -> Int {
        guard var iso2 = reference.iso2(countryName: country) else {
            throw BuildError("\(ref): country '\(country)' is not in \(ReferenceData.countriesFile)")
        }
        var name = rawName.trimmingSpaces()
        var extraSources: [String] = []
        if let disputed = Self.disputedPlaces[iso2 + "|" + TextNormalization.matchKey(name)] {
            iso2 = disputed.iso2
            extraSources.append(disputed.why)
        }
        var region = parent
        if let split = TextNormalization.trailingParenthesis(name) {
            if TextNormalization.matchKey(split.base) == TextNormalization.matchKey(split.inner) {
                name = split.inner  // the accented spelling
            } else {
                name = split.base
                region = split.inner
            }
        }
        if let alias = Self.foreignAliases[iso2 + "|" + name] {
            extraSources.append("'\(name)' = '\(alias.name)': \(alias.why)")
            name = alias.name
        }
        var level = levelText.flatMap(PlaceLevel.stated)
        if level == nil, let known = Self.knownLevels[iso2 + "|" + name] {
            level = known.level
            extraSources.append("level \(known.level.rawValue): \(known.why)")
        }
        let candidates = (level.map { [$0] } ?? [.city, .province]).compactMap {
            registry.index(forKey: PlaceRegistry.foreignKey(iso2: iso2, level: $0, name: name))
        }
        if candidates.count > 1 { throw BuildError("\(ref): '\(name)' (\(country)) is both an area and a city; state the level") }
        let citation = ref + (extraSources.isEmpty ? "" : " (" + extraSources.joined(separator: "; ") + ")")
        // A country written with a remark (`Russia (disputed; Ukraine)`) is a quality flag of the place.
        let countryNote = TextNormalization.trailingParenthesis(country).map { _ in
            "\(ref.split(separator: " ").first ?? "") gives the country as '\(country)'"
        }
        if let index = candidates.first {
            if registry[index].province == nil, let region { registry[index].province = region }
            if let level, !registry[index].levelStated {
                registry[index].level = level
                registry[index].levelStated = true
            }
            if let countryNote { registry[index].addNote(countryNote) }
            return cited(index, citation)
        }
        let resolvedLevel = level ?? .city
        let ownRegion = [.province, .prefecture, .region].contains(resolvedLevel) ? name : nil
        return try registry.add(
            Place(name: name, level: resolvedLevel, levelStated: level != nil, province: region ?? ownRegion,
                  iso2: iso2, notes: countryNote.map { [$0] } ?? [], sources: [citation],
                  idStem: iso2.lowercased() + "-" + (try TextNormalization.slug(name))),
            key: PlaceRegistry.foreignKey(iso2: iso2, level: resolvedLevel, name: name))
    }

    /// A place named in a seed article, with the type, parent and country that
    /// seed_facts/places.csv records for it.
    func seedPlace(_ name: String, ref: String) throws -> Int {
        let key = TextNormalization.matchKey(name)
        guard let record = seedPlaces.rows.first(where: { TextNormalization.matchKey($0["place"]) == key }) else {
            throw BuildError("\(ref): '\(name)' is not in seed_facts/places.csv")
        }
        let index: Int
        if record["country"] == "China" {
            if record["place_type"] == "district" {
                let parent = try chineseCity(name: record["parent"], province: nil, ref: ref, register: false)
                index = try district(city: record["parent"], district: record["place"], province: parent.province, ref: ref)
            } else {
                let province = record["place_type"] == "province" ? nil : record.optional("parent")
                index = try chinesePlace(name: record["place"], province: province, levelText: record["place_type"], ref: ref)
            }
        } else {
            index = try foreignPlace(name: record["place"], country: record["country"], levelText: record["place_type"],
                                     parent: record.optional("parent"), ref: ref)
        }
        return cited(index, record.ref)
    }

    /// The seed_facts/places.csv record for a name (`Cegled (Cegléd)` finds `Cegled`).
    func seedPlaceRecord(_ name: String) -> SourceRow? {
        var keys = [TextNormalization.matchKey(name)]
        if let split = TextNormalization.trailingParenthesis(name) { keys.append(TextNormalization.matchKey(split.base)) }
        return seedPlaces.rows.first { keys.contains(TextNormalization.matchKey($0["place"])) }
    }

    // MARK: Helpers

    /// GeoNames `name_zh`, unless it is the Japanese form (kana: `深セン市` for Shenzhen,
    /// `ハルビン市` for Harbin), which is no Chinese name; such places get null and a note.
    static func chineseName(_ record: SourceRow) -> String? {
        guard let name = record.optional("name_zh") else { return nil }
        let isKana = name.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) }
        return isKana ? nil : name
    }

    static func chineseNameNote(_ record: SourceRow) -> String? {
        guard let name = record.optional("name_zh"), chineseName(record) == nil else { return nil }
        return "GeoNames name_zh '\(name)' is Japanese (kana), left null"
    }

    /// GeoNames writes 0 for an unknown population.
    static func population(_ text: String) -> String? { text.isEmpty || text == "0" ? nil : text }

    @discardableResult
    func cited(_ index: Int, _ ref: String) -> Int {
        if !ref.hasPrefix(WikipediaPairs.file) { registry[index].cite(ref) }
        return index
    }
}
