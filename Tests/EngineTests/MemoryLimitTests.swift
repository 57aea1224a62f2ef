import BundledData
import Columnar
import Driver
import Engine
import Semantic
import Testing

/// A query that would build more than the memory limit stops with an error at the stage.
@Suite struct MemoryLimitTests {
    func session(limit: Int) -> Session {
        let session = Session()
        for (name, table) in (try? BundledDatasets.tables()) ?? [] { session.define(table: table, as: name) }
        session.memoryLimit = limit
        return session
    }

    @Test func aJoinOverTheLimitNamesTheJoinStage() {
        let query = "cities | join cities as b on cities.country == b.country | join cities as c on cities.country == c.country | count"
        let (_, diagnostics) = session(limit: 1_000).run(query)
        #expect(diagnostics.first?.code == "E0450")
        #expect(diagnostics.first?.message.hasPrefix("the join needs more than") == true)
        let span = diagnostics.first.map { query.utf8.dropFirst($0.span.start).prefix($0.span.end - $0.span.start) }
        #expect(span.map { String(decoding: $0, as: UTF8.self) } == "join cities as b on cities.country == b.country")
    }

    @Test func aResultOverTheLimitNamesTheLastStage() {
        let (_, diagnostics) = session(limit: 4 << 20).run("cities | join cities as b on cities.country == b.country | select cities.name, b.name, b.country")
        #expect(diagnostics.first?.code == "E0450")
        #expect(diagnostics.first?.message.hasPrefix("the result needs more than") == true)
    }

    @Test func aSortOverTheLimitStopsBeforeBuildingItsKeys() {
        let (_, diagnostics) = session(limit: 1_000).run("cities | sort population desc, lat | count")
        #expect(diagnostics.first?.code == "E0450")
        #expect(diagnostics.first?.message.hasPrefix("the sort needs more than") == true, "\(diagnostics.first?.message ?? "")")
    }

    @Test func groupsOverTheLimitStopBeforeTheyAreNumbered() {
        for query in ["cities | summarize n = count() by lat, lon", "cities | derive r = row_number() by lat, lon sort name"] {
            let (_, diagnostics) = session(limit: 1_000).run(query)
            #expect(diagnostics.first?.code == "E0450", "\(query)")
            #expect(diagnostics.first?.message.hasPrefix("numbering the groups needs more than") == true,
                    "\(diagnostics.first?.message ?? "")")
        }
    }

    @Test func underTheLimitNothingChanges() {
        let (results, diagnostics) = session(limit: 1 << 30).run("cities | join cities as b on cities.country == b.country | count")
        #expect(diagnostics.isEmpty)
        #expect(results.count == 1)
    }

    @Test func sizesParseAndPrint() {
        #expect(MemoryLimit.parse("2GB") == 2 << 30)
        #expect(MemoryLimit.parse("1.5g") == 3 << 29)
        #expect(MemoryLimit.parse("500 MB") == 500 << 20)
        #expect(MemoryLimit.parse("800k") == 800 << 10)
        #expect(MemoryLimit.parse("4096") == 4096)
        for bad in ["", "lots", "-1GB", "0", "1e30GB", "nanGB", "GB"] { #expect(MemoryLimit.parse(bad) == nil, "\(bad)") }
        #expect(MemoryLimit.describe(3 << 29) == "1.5 GB")
        #expect(MemoryLimit.describe(300 << 20) == "300 MB")
        #expect(MemoryLimit.default > 0)
    }
}

