/// The `level` of a place in cities.csv.
enum PlaceLevel: String, CaseIterable {
    case province, prefecture, city, district, county, region

    /// Areas (as opposed to settlements): a Jeju province and a Jeju city are different places.
    var isArea: Bool { self != .city && self != .district }

    /// The level a source's wording states, by its first level word: `special self-governing
    /// province` -> province, `county/province` -> county, `prefecture-level city` ->
    /// prefecture, `region (oblast)` -> region. US states and Chinese municipalities are
    /// first-level units, so `state` and `municipality` read as province; a `town` is a city.
    static func stated(_ text: String) -> PlaceLevel? {
        let lower = text.lowercased()
        let words: [(String, PlaceLevel)] = [
            ("province", .province), ("prefecture", .prefecture), ("region", .region), ("oblast", .region),
            ("county", .county), ("state", .province), ("municipality", .province), ("city", .city),
            ("town", .city), ("district", .district),
        ]
        var best: (position: Int, level: PlaceLevel)?
        for (word, level) in words {
            guard let range = lower.firstRange(of: word) else { continue }
            let position = lower.distance(from: lower.startIndex, to: range.lowerBound)
            if best == nil || position < best!.position { best = (position, level) }
        }
        return best?.level
    }

    /// The level a Wikipedia name states itself (`Osh Region`, `Fairfax County`,
    /// `Seoul – Gangnam`, `Yongsan (Seoul)`); nil when the name says nothing.
    static func named(_ name: String) -> PlaceLevel? {
        if name.contains(" – ") || name.hasSuffix(" District") || name.hasSuffix(" district")
            || name.hasSuffix("(district)") || name.hasSuffix(" Subdistrict") {
            return .district
        }
        if let split = TextNormalization.trailingParenthesis(name), let first = split.inner.first, first.isUppercase {
            return .district  // `Dongdaemun (Seoul)`: a borough named with its city
        }
        if name.hasSuffix(" County") || name.hasPrefix("County ") { return .county }
        if name.hasSuffix(" Province") { return .province }
        if name.hasSuffix(" Region") || name.hasSuffix(" Oblast") { return .region }
        return nil
    }
}

/// One row of cities.csv while it is being assembled from several sources.
struct Place {
    var name: String
    var nameZh: String?
    var level: PlaceLevel
    /// False while `level` is only the default `city`; a source's stated level replaces it.
    var levelStated: Bool
    var province: String?
    var iso2: String
    /// Coordinates and population as the chosen source writes them (kept as text so the
    /// output repeats the source digits exactly).
    var lat: String?
    var lon: String?
    var population: String?
    var notes: [String] = []
    var sources: [String] = []
    /// Wikipedia pair ids the place takes part in, cited first in `source`.
    var wikipediaPairs: [String] = []
    /// `iso2-slug`, before collisions are resolved (`cn-suzhou` twice becomes
    /// `cn-suzhou-jiangsu` and `cn-suzhou-anhui`).
    var idStem: String

    mutating func addNote(_ note: String) { if !notes.contains(note) { notes.append(note) } }
    mutating func cite(_ source: String) { if !sources.contains(source) { sources.append(source) } }
}

/// All places, with the keys sources match them by. Places keep their creation order, which
/// follows the source files, so everything derived from that order is deterministic.
final class PlaceRegistry {
    private(set) var places: [Place] = []
    private var byKey: [String: Int] = [:]
    private var chineseCitiesByName: [String: [Int]] = [:]

    static func provinceKey(_ name: String) -> String { "cn|province|" + TextNormalization.matchKey(name) }
    static func chineseCityKey(province: String, name: String) -> String {
        "cn|city|" + TextNormalization.matchKey(province) + "|" + TextNormalization.matchKey(name)
    }
    /// `Licheng district` and `Licheng` are the same district.
    static func districtKey(province: String, city: String, district: String) -> String {
        let bare = district.lowercased().hasSuffix(" district") ? String(district.dropLast(" district".count)) : district
        return "cn|district|" + TextNormalization.matchKey(province) + "|" + TextNormalization.matchKey(city) + "|"
            + TextNormalization.matchKey(bare)
    }
    /// Foreign places match by country, by area-or-settlement and by spelling-insensitive name.
    static func foreignKey(iso2: String, level: PlaceLevel, name: String) -> String {
        iso2 + "|" + (level.isArea ? "area" : "settlement") + "|" + TextNormalization.matchKey(name)
    }

    func index(forKey key: String) -> Int? { byKey[key] }

    func chineseCities(named name: String) -> [Int] { chineseCitiesByName[TextNormalization.matchKey(name)] ?? [] }

    @discardableResult
    func add(_ place: Place, key: String) throws -> Int {
        guard byKey[key] == nil else { throw BuildError("place key '\(key)' registered twice") }
        places.append(place)
        let index = places.count - 1
        byKey[key] = index
        if key.hasPrefix("cn|city|") { chineseCitiesByName[TextNormalization.matchKey(place.name), default: []].append(index) }
        return index
    }

    /// Another key for an existing place (a second spelling, or a municipality reached as a city).
    func alias(_ key: String, to index: Int) { if byKey[key] == nil { byKey[key] = index } }

    subscript(index: Int) -> Place {
        get { places[index] }
        set { places[index] = newValue }
    }

    /// Final ids. A stem used by one place is its id. Places sharing a stem all get a suffix:
    /// their province slug when that separates them, else their level, else 1, 2, ... in
    /// creation order. Fails if an id is still not unique.
    func assignIDs() throws -> [String] {
        var groups: [String: [Int]] = [:]
        for (index, place) in places.enumerated() { groups[place.idStem, default: []].append(index) }
        var ids = places.map(\.idStem)
        let stems = Set(ids)
        for (index, place) in places.enumerated() {
            guard let group = groups[place.idStem], group.count > 1, group.first == index else { continue }
            let byProvince = try group.map { member -> String? in
                guard let province = places[member].province else { return nil }
                return place.idStem + "-" + (try TextNormalization.slug(province))
            }
            let byLevel = group.map { place.idStem + "-" + places[$0].level.rawValue }
            let byOrder = group.indices.map { place.idStem + "-\($0 + 1)" }
            let choices: [[String?]] = [byProvince, byLevel, byOrder]
            guard let chosen = choices.first(where: { choice in
                choice.allSatisfy { $0 != nil && !stems.contains($0!) } && Set(choice.compactMap { $0 }).count == group.count
            }) else { throw BuildError("cannot separate places with id \(place.idStem)") }
            for (member, id) in zip(group, chosen) { ids[member] = id! }
        }
        guard Set(ids).count == ids.count else { throw BuildError("city ids are not unique") }
        return ids
    }
}
