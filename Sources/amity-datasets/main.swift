import Glibc

// amity-datasets: builds the bundled tables in datasets/ from the real source data.
// Usage: amity-datasets <source folder> <output folder>
//   e.g. swift run --scratch-path .build-datasets amity-datasets ../shared/data datasets
// Deterministic: the same sources give byte-identical files (no clock, no randomness, no
// dictionary iteration order reaches the output).

/// Reads every source, assembles the seven tables, checks them, then writes them.
func buildDatasets(sourceRoot: String, outputDirectory: String) throws {
    let reference = try ReferenceData(root: sourceRoot)
    let seedPlaces = try SourceTable(root: sourceRoot, file: "seed_facts/places.csv",
                                     expecting: ["place", "place_type", "parent", "country", "role_in_seed", "source"])
    let gazetteer = Gazetteer(reference: reference, seedPlaces: seedPlaces)
    try gazetteer.registerProvinces()
    let wikipedia = try WikipediaPairs(root: sourceRoot, gazetteer: gazetteer)
    let visitsEvents = try SourceTable(root: sourceRoot, file: VisitSources.pagesFile, expecting: [
        "date", "actor", "actor_country", "role", "destination_or_host", "event", "outcome", "url"])
    let agreementSources = try AgreementSources(root: sourceRoot, gazetteer: gazetteer, wikipedia: wikipedia,
                                                visitsEvents: visitsEvents)
    let visitSources = try VisitSources(root: sourceRoot, gazetteer: gazetteer, pages: visitsEvents)
    let aidSources = try AidSources(root: sourceRoot, gazetteer: gazetteer)
    let totalSources = try TotalSources(root: sourceRoot)
    let unusedSeedPlaces = gazetteer.enrichFromSeedPlaces()

    let ids = try gazetteer.registry.assignIDs()
    let cities = try CitiesTable.render(gazetteer, ids: ids)
    let agreements = try RelationTables.agreements(agreementSources.table, ids: ids)
    let visits = try RelationTables.visits(visitSources, ids: ids)
    let aid = try RelationTables.aid(aidSources, ids: ids)
    let countries = try ReferenceTables.countries(reference)
    let provinces = try ReferenceTables.provinces(reference)
    let totals = try RelationTables.totals(totalSources)

    let datedPairs = try SourceTable(root: sourceRoot, file: AgreementSources.datedPairsFile, expecting: [])
    let integrity = Integrity(cities: cities, agreements: agreements, visits: visits, aid: aid, countries: countries,
                              provinces: provinces, totals: totals, wikipediaRows: wikipedia.table.rows.count,
                              datedPairLines: datedPairs.rows.map(\.line))
    guard integrity.problems.isEmpty else {
        throw BuildError("integrity check failed, nothing written:\n  " + integrity.problems.joined(separator: "\n  "))
    }

    let tables = [cities, agreements, visits, aid, countries, provinces, totals, try WorldOutlineTable.render(root: sourceRoot)]
    try FileOutput.makeDirectory(outputDirectory)
    for table in tables {
        try FileOutput.write(table.csvText(), to: outputDirectory + "/" + table.name)
        print("\(table.name): \(table.rows.count) rows")
    }
    let leftOut = agreementSources.leftOut + visitSources.leftOut + unusedSeedPlaces
    try FileOutput.write(DatasetsReadme.text(tables: tables, leftOut: leftOut), to: outputDirectory + "/README.md")
    for line in agreementSources.table.log + aidSources.log + totalSources.log { print(line) }
    for line in leftOut { print("left out: \(line)") }
}

/// A line on standard error (through the descriptor: Swift 6 forbids the shared `stderr`).
func printError(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    printError("usage: amity-datasets <source folder> <output folder>")
    exit(2)
}
do {
    try buildDatasets(sourceRoot: arguments[1], outputDirectory: arguments[2])
} catch {
    printError("amity-datasets: \(error)")
    exit(1)
}
