import Columnar

/// A seeded generator of clearly synthetic tables for benchmarks: never mixed into the
/// bundled datasets. The same seed gives the same tables.
public struct SyntheticData {
    public static let items = [
        "masks", "gowns", "gloves", "goggles", "test_kits", "ventilators",
        "disinfectant", "isolation_suits", "thermometers", "face_shields", "rice", "tents",
    ]
    public static let continents = ["Asia", "Europe", "Africa", "North America", "South America", "Oceania"]

    public let cityCount: Int
    public let countryCount: Int
    private var random: SplitMix64

    public init(seed: UInt64 = 42, cityCount: Int = 3_000, countryCount: Int = 150) {
        self.random = SplitMix64(seed: seed)
        self.cityCount = cityCount
        self.countryCount = countryCount
    }

    public static func cityName(_ index: Int) -> String { "syn-city-\(index)" }
    public static func countryName(_ index: Int) -> String { "syn-country-\(index)" }

    /// The country of a city: fixed, so donor_city and donor_country agree.
    public func country(ofCity city: Int) -> Int { city % countryCount }

    /// `cities`: city, country, continent, population, lat, lon.
    public mutating func cities() -> Table {
        var city = ColumnBuilder(.string), country = ColumnBuilder(.string), continent = ColumnBuilder(.string)
        var population: [Int64] = [], lat: [Double] = [], lon: [Double] = []
        for index in 0..<cityCount {
            city.append(.string(Self.cityName(index)))
            let countryIndex = self.country(ofCity: index)
            country.append(.string(Self.countryName(countryIndex)))
            continent.append(.string(Self.continents[countryIndex % Self.continents.count]))
            population.append(Int64(10_000 + random.next() % 5_000_000))
            lat.append(Double(random.next() % 180_000) / 1000 - 90)
            lon.append(Double(random.next() % 360_000) / 1000 - 180)
        }
        return Table(names: ["city", "country", "continent", "population", "lat", "lon"], columns: [
            city.build(), country.build(), continent.build(),
            Column(.int(population)), Column(.float(lat)), Column(.float(lon)),
        ])
    }

    /// `aid`: id, donor_city, recipient_city, donor_country, recipient_country, item,
    /// quantity, value_usd, date (2015-2024). Built straight into codes and typed arrays.
    public mutating func aid(rows: Int, firstID: Int64 = 1) -> Table {
        let cityDictionary = Self.dictionary((0..<cityCount).map(Self.cityName))
        let countryDictionary = Self.dictionary((0..<countryCount).map(Self.countryName))
        let itemDictionary = Self.dictionary(Self.items)
        var id = [Int64](repeating: 0, count: rows)
        var donorCity = [UInt32](repeating: 0, count: rows), recipientCity = donorCity
        var donorCountry = donorCity, recipientCountry = donorCity, item = donorCity
        var quantity = [Int64](repeating: 0, count: rows)
        var value = [Double](repeating: 0, count: rows)
        var date = [Int32](repeating: 0, count: rows)
        let first = DateFormat.days(year: 2015, month: 1, day: 1)
        let span = UInt64(DateFormat.days(year: 2024, month: 12, day: 31) - first + 1)
        for row in 0..<rows {
            id[row] = firstID + Int64(row)
            let donor = Int(random.next() % UInt64(cityCount))
            let recipient = Int(random.next() % UInt64(cityCount))
            donorCity[row] = UInt32(donor)
            recipientCity[row] = UInt32(recipient)
            donorCountry[row] = UInt32(country(ofCity: donor))
            recipientCountry[row] = UInt32(country(ofCity: recipient))
            item[row] = UInt32(random.next() % UInt64(Self.items.count))
            quantity[row] = Int64(1 + random.next() % 100_000)
            value[row] = Double(random.next() % 100_000_000) / 100
            date[row] = first + Int32(random.next() % span)
        }
        return Table(
            names: ["id", "donor_city", "recipient_city", "donor_country", "recipient_country", "item",
                    "quantity", "value_usd", "date"],
            columns: [
                Column(.int(id)),
                Column(.string(codes: donorCity, dictionary: cityDictionary)),
                Column(.string(codes: recipientCity, dictionary: cityDictionary)),
                Column(.string(codes: donorCountry, dictionary: countryDictionary)),
                Column(.string(codes: recipientCountry, dictionary: countryDictionary)),
                Column(.string(codes: item, dictionary: itemDictionary)),
                Column(.int(quantity)), Column(.float(value)), Column(.date(date)),
            ])
    }

    private static func dictionary(_ strings: [String]) -> StringDictionary {
        var builder = StringDictionaryBuilder(capacity: strings.count)
        for string in strings { _ = builder.code(for: string) }
        return builder.build()
    }
}

/// SplitMix64: a small, fast, seeded generator.
public struct SplitMix64 {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A number in 0..<n.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
