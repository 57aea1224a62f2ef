/// The GeoNames-derived reference files, indexed for lookups. Nothing here is written out
/// directly except through `ReferenceTables` (countries.csv, provinces.csv).
struct ReferenceData {
    static let countriesFile = "reference/countries_continents.csv"
    static let provincesFile = "reference/cn_provinces.csv"
    static let geonamesFile = "reference/cn_cities_geonames_pop15k.csv"
    static let dimensionFile = "reference/cities_dimension_china_extract.csv"

    let countries: SourceTable
    let provinces: SourceTable
    let geonames: SourceTable
    let dimension: SourceTable

    private var countryByIso2: [String: SourceRow] = [:]
    private var iso2ByName: [String: String] = [:]
    private var provinceByName: [String: SourceRow] = [:]
    private var geonamesById: [String: SourceRow] = [:]
    private var geonamesByName: [String: [SourceRow]] = [:]
    private var dimensionByNameAndIso2: [String: SourceRow] = [:]

    /// Country names the relation sources spell differently from GeoNames, with the GeoNames
    /// iso2. Only names that occur in `pages/` or `seed_facts/`; Wikipedia rows carry iso2.
    static let countryAliases: [String: String] = [
        "Czech Republic": "CZ", "Netherlands": "NL", "Georgia (country)": "GE", "Cape Verde": "CV",
        "Palestine": "PS", "Surinam": "SR", "Federated States of Micronesia": "FM",
    ]

    init(root: String) throws {
        countries = try SourceTable(root: root, file: Self.countriesFile, expecting: [
            "iso2", "iso3", "name", "continent", "capital", "population", "area_km2"])
        provinces = try SourceTable(root: root, file: Self.provincesFile, expecting: [
            "iso_3166_2", "province_en", "province_zh", "province_type", "capital", "capital_lat", "capital_lon"])
        geonames = try SourceTable(root: root, file: Self.geonamesFile, expecting: [
            "geonameid", "name", "province_en", "lat", "lon", "population", "name_zh"])
        dimension = try SourceTable(root: root, file: Self.dimensionFile, expecting: [
            "city_id", "city", "iso2", "lat", "lon", "population", "geonameid", "match", "roles"])
        for row in countries.rows {
            countryByIso2[row["iso2"]] = row
            iso2ByName[row["name"]] = row["iso2"]
        }
        for (name, iso2) in Self.countryAliases { iso2ByName[name] = iso2 }
        for row in provinces.rows { provinceByName[row["province_en"]] = row }
        for row in geonames.rows {
            geonamesById[row["geonameid"]] = row
            geonamesByName[TextNormalization.matchKey(row["name"]), default: []].append(row)
        }
        for row in dimension.rows { dimensionByNameAndIso2[row["city"] + "|" + row["iso2"]] = row }
    }

    func country(iso2: String) throws -> SourceRow {
        guard let row = countryByIso2[iso2] else { throw BuildError("no country with iso2 '\(iso2)' in \(Self.countriesFile)") }
        return row
    }

    /// The iso2 of a country as a relation source writes it. A remark after the name is
    /// ignored (`Russia (disputed; Ukraine)` -> RU; the remark is kept in the row's source).
    func iso2(countryName: String) -> String? {
        if let iso2 = iso2ByName[countryName] { return iso2 }
        if let split = TextNormalization.trailingParenthesis(countryName) { return iso2ByName[split.base] }
        return nil
    }

    func province(named name: String) -> SourceRow? { provinceByName[name] }

    func geonamesCity(id: String) -> SourceRow? { geonamesById[id] }

    /// GeoNames Chinese cities spelled like `name`, optionally only in `province`.
    func geonamesCities(named name: String, province: String?) -> [SourceRow] {
        let candidates = geonamesByName[TextNormalization.matchKey(name)] ?? []
        guard let province else { return candidates }
        return candidates.filter { $0["province_en"] == province }
    }

    /// The China extract's dimension record for a city name in a country.
    func dimensionRecord(city: String, iso2: String) -> SourceRow? { dimensionByNameAndIso2[city + "|" + iso2] }
}
