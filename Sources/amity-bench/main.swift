import Columnar
import Driver
import Engine
import Dispatch
import Glibc
import Semantic
import Synchronization
import Synthetic

// Times engine queries in-process over seeded synthetic tables (never the bundled data).
// Usage: amity-bench [rows] [runs] [name-prefix] [threads]   (the prefix picks queries, e.g. Q5)

let arguments = CommandLine.arguments
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 10_000_000 : 10_000_000
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let only = arguments.count > 3 ? arguments[3] : ""
let threads = arguments.count > 4 ? Int(arguments[4]) ?? 1 : 1

/// Milliseconds.
func now() -> Double { MonotonicClock.seconds() * 1000 }

AllocatorTuning.keepFreedMemory()  // as amity does
var generator = SyntheticData(seed: 42)
let start = now()
let cities = generator.cities()
let aid = generator.aid(rows: rows)
print("generated \(rows) aid rows in \(Int(now() - start)) ms")

let session = Session(tables: ["aid": aid, "cities": cities])
session.threads = threads
print("\(threads) thread\(threads == 1 ? "" : "s")")
let queries: [(String, String)] = [
    ("Q1 filter count", #"aid | where item == "masks" and year(date) == 2020 | count"#),
    ("Q2 sum by recipient_country", "aid | summarize total = sum(quantity) by recipient_country"),
    ("Q3 sum avg count by 2 keys", "aid | summarize s = sum(quantity), a = avg(value_usd), n = count() by donor_country, item"),
    ("Q4 top 10 recipient_city", "aid | summarize v = sum(value_usd) by recipient_city | top 10 by v desc"),
    ("Q5 join and group", "aid | join cities on recipient_city == city | summarize n = count() by continent"),
    ("Q6 count distinct", "aid | summarize d = count_distinct(donor_city) by recipient_country"),
    ("Q7 in and startswith", #"aid | where item in ["masks", "gowns", "gloves"] and startswith(donor_country, "syn-country-1") | count"#),
    ("Q8 sort first 100", "aid | top 100 by value_usd desc"),
    ("Q9 count by 2 high-cardinality keys", "aid | summarize n = count() by donor_city, recipient_city"),
    ("Q10 monthly totals for one item",
     #"aid | where item == "masks" | summarize total = sum(quantity), value = sum(value_usd), n = count() by month = date_trunc(date, "month") | sort month"#),
    ("filter+summarize", #"aid | where item == "masks" | summarize total = sum(quantity), n = count() by recipient_country"#),
    ("S1 full sort by 2 keys", "aid | sort donor_city, value_usd"),
    ("S2 full sort by 3 keys", "aid | sort donor_country, item, value_usd desc"),
    ("S3 sort 1 key, take 100", "aid | sort value_usd desc | take 100"),
    ("S4 sort 2 keys, take 5", "aid | sort donor_city, value_usd | take 5"),
    ("S5 sort by a string of 1M distinct values", "aid | derive s = string(id * 7919 % 1000003) | sort s | select s"),
    ("W1 row_number by 3,000 groups", "aid | derive r = row_number() by recipient_city sort value_usd desc"),
    ("W2 share of a group's total", "aid | derive share = value_usd / sum(value_usd) by recipient_city"),
    ("W3 running total by item over dates", "aid | derive t = running_sum(quantity) by item sort date"),
    ("W4 two largest per group", "aid | derive r = row_number() by recipient_city sort value_usd desc | where r <= 2"),
    ("W5 rolling average by item", "aid | derive w = rolling_avg(value_usd, 7) by item sort date"),
    // pivot: 10 values (years) by 3,000 keys, beside a summarize of 10 aggregates by the same keys.
    ("P1 pivot 10 found values by 3,000 keys", "aid | derive year = year(date) | pivot year using sum(quantity) by donor_city"),
    ("P2 pivot 10 listed values by 3,000 keys", #"aid | pivot item in ["masks", "gowns", "gloves", "goggles", "test_kits", "ventilators", "disinfectant", "isolation_suits", "thermometers", "face_shields"] using sum(quantity) by donor_city"#),
    ("P3 summarize 10 aggregates by 3,000 keys", "aid | summarize a = sum(quantity), b = sum(value_usd), c = min(quantity), d = max(quantity), e = min(value_usd), f = max(value_usd), g = count(), h = avg(quantity), i = first(item), j = last(item) by donor_city"),
    ("P4 the same pivot as filtered aggregates", "aid | derive year = year(date) | summarize " + (2015...2024).map { "y\($0) = sum(if(year == \($0), quantity, null))" }.joined(separator: ", ") + " by donor_city"),
    ("P5 pivot 1,000 values by 150 keys", "aid | derive v = id % 1000 | pivot v using sum(quantity) by donor_country"),
    ("P6 pivot 1,000 values by 3,000 keys", "aid | derive v = id % 1000 | pivot v using n = count() by donor_city"),
    // unpivot: every row twice, beside the union that computes the same rows in another order.
    ("U1 unpivot 2 columns", "aid | unpivot quantity, value_usd into measure, value | summarize s = sum(value) by measure"),
    ("U2 the same rows as a union", #"aid | select measure = "quantity", value = float(quantity) | union (aid | select measure = "value_usd", value = value_usd) | summarize s = sum(value) by measure"#),
]
print("query | best ms | median ms")
print("--- | --- | ---")
for (name, query) in queries where name.hasPrefix(only) {
    var times: [Double] = []
    for _ in 0...runs {
        let begin = now()
        let (_, diagnostics) = session.run(query, name: name)
        if let error = diagnostics.first {
            print("\(name): error: \(error.message)")
            break
        }
        times.append(now() - begin)
    }
    guard times.count > 1 else { continue }
    let timed = times.dropFirst().sorted()  // the first run warms up
    print("\(name) | \(String(format3(timed.first!))) | \(String(format3(timed[timed.count / 2])))")
    // AMITY_BENCH_CANCEL_MS=N cancels one more run N ms in (as Ctrl-C does) and shows how long it took to stop.
    if let delay = getenv("AMITY_BENCH_CANCEL_MS").flatMap({ Double(String(cString: $0)) }) {
        let cancellation = session.cancellation
        let cancelledAt = Atomic<Double>(0)
        DispatchQueue.global().async {
            usleep(useconds_t(delay * 1000))
            cancelledAt.store(now(), ordering: .relaxed)
            cancellation.cancel()
        }
        let (_, diagnostics) = session.run(query, name: name)
        let end = now()
        while cancelledAt.load(ordering: .relaxed) == 0 { usleep(1000) }
        session.cancellation.reset()
        let stopped = diagnostics.first?.message == "cancelled"
        print("\(name): cancelled \(Int(delay)) ms in, " + (stopped
            ? "stopped \(format3(end - cancelledAt.load(ordering: .relaxed))) ms after the cancel"
            : "finished first"))
    }
    // AMITY_BENCH_EXPLAIN=1 shows where the time of each query went.
    if getenv("AMITY_BENCH_EXPLAIN") != nil, case .explanation(let text)? = session.run("explain analyze " + query).results.last {
        print(text)
    }
}

func format3(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
