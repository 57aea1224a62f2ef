// swift-tools-version:6.0
import PackageDescription

// One module per stage; imports go one way (docs/architecture.md):
// Diagnostics, Columnar <- Syntax <- Parser <- Semantic <- Evaluation <- Optimizer <- Engine <- Driver <- Shell <- amity
// Semantic <- SQLCompiler <- SQLBackend <- Driver (pipelines as PostgreSQL statements, and the server)
// CLibEdit <- LineEditor <- amity
let package = Package(
    name: "Amity",
    products: [
        .executable(name: "amity", targets: ["amity"]),
        .executable(name: "amity-bench", targets: ["amity-bench"]),
        .executable(name: "amity-gen", targets: ["amity-gen"]),
        .executable(name: "amity-datasets", targets: ["amity-datasets"]),
        .executable(name: "amity-fuzz", targets: ["amity-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Diagnostics"),
        .target(name: "Columnar"),
        .target(name: "Syntax", dependencies: ["Diagnostics", "Columnar"]),
        .target(name: "Parser", dependencies: ["Diagnostics", "Columnar", "Syntax"]),
        .target(name: "Semantic", dependencies: ["Diagnostics", "Columnar", "Syntax", "Charts"]),
        // Bound expressions evaluated over columns, a batch at a time: the engine's kernels,
        // and what the optimizer folds constants with.
        .target(name: "Evaluation", dependencies: ["Diagnostics", "Columnar", "Semantic", "CAllocatorStats"]),
        // glibc's count of allocated bytes, for the peak memory `explain analyze` shows.
        .target(name: "CAllocatorStats"),
        .target(name: "Optimizer", dependencies: ["Diagnostics", "Columnar", "Semantic", "Evaluation"]),
        .target(name: "Engine", dependencies: ["Diagnostics", "Columnar", "Semantic", "Evaluation"]),
        // Plans as PostgreSQL statements with Amity's semantics (docs/scale-out.md).
        .target(name: "SQLCompiler", dependencies: ["Diagnostics", "Columnar", "Semantic"]),
        // A PostgreSQL server as a synchronous catalog and query runner, through libpq
        // (loaded on the first connection, not at start-up).
        .target(
            name: "SQLBackend",
            dependencies: ["Columnar", "SQLCompiler"]
        ),
        // Text in, results out: parse, bind, optimize, execute.
        .target(
            name: "Driver",
            dependencies: ["Diagnostics", "Columnar", "Syntax", "Parser", "Semantic", "Optimizer", "Engine", "SQLCompiler", "SQLBackend"]
        ),
        .target(
            name: "Shell",
            dependencies: ["Diagnostics", "Columnar", "Syntax", "Parser", "Semantic", "Evaluation", "Optimizer", "Engine", "Driver",
                           "Charts"]
        ),
        // Seeded synthetic tables for benchmarks, never mixed into datasets/.
        .target(name: "Charts", dependencies: ["Diagnostics", "Columnar"]),
        .target(name: "Synthetic", dependencies: ["Columnar"]),
        .executableTarget(name: "amity-bench", dependencies: ["Columnar", "Semantic", "Engine", "Driver", "Synthetic"]),
        .executableTarget(name: "amity-gen", dependencies: ["Columnar", "Synthetic"]),
        // Times the Charts module on a million points (bench/charts.sh).
        .executableTarget(name: "amity-chartbench", dependencies: ["Columnar", "Charts"]),
        // Builds datasets/ from the real sources in ../shared/data (see datasets/README.md).
        .executableTarget(name: "amity-datasets", dependencies: ["Columnar"]),
        // datasets/*.csv compiled into the program: the embedding tool, the build plugin that
        // runs it, and the module that reads the result.
        .executableTarget(name: "amity-embed", dependencies: ["Columnar"]),
        .plugin(
            name: "EmbedDatasets", capability: .buildTool(), dependencies: ["amity-embed"],
            path: "Sources/EmbedDatasets"
        ),
        .target(name: "BundledData", dependencies: ["Columnar"], plugins: ["EmbedDatasets"]),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        .executableTarget(
            name: "amity",
            dependencies: [
                "Diagnostics", "Columnar", "Syntax", "Parser", "Semantic", "Evaluation", "Optimizer", "Engine", "Driver", "Shell",
                "LineEditor", "BundledData", "Charts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up (issue 16): the Swift runtime linked in, not loaded and bound symbol by
            // symbol at every start. Release only: test binaries load the runtime as a library
            // and must not get a second copy. FoundationEssentials' static libraries are named
            // because the modules are not compiled with -static-stdlib, so nothing else lists them.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-lFoundationEssentials", "-l_FoundationCShims", "-l_FoundationCollections"], .when(configuration: .release))]
        ),
        // libFuzzer targets (fuzz/README.md); a plain build replays inputs given as files.
        .executableTarget(
            name: "amity-fuzz",
            dependencies: ["Diagnostics", "Columnar", "Syntax", "Parser", "Engine", "Driver", "Shell", "Charts"]
        ),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar", "Synthetic"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Columnar", "Diagnostics"], exclude: ["Golden"]),
        .testTarget(name: "SemanticTests", dependencies: ["Diagnostics", "Columnar", "Syntax", "Parser", "Semantic"]),
        // Reads the plain-text golden files under Tests/Golden.
        .target(name: "GoldenSupport", dependencies: ["Diagnostics", "Columnar"], path: "Tests/GoldenSupport"),
        .testTarget(
            name: "ParserTests",
            dependencies: ["Diagnostics", "Columnar", "Syntax", "Parser", "GoldenSupport", "Synthetic"]
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: [
                "Diagnostics", "Columnar", "Syntax", "Parser", "Semantic", "Evaluation", "Optimizer", "Engine", "Driver",
                "GoldenSupport", "Synthetic", "BundledData", "SQLCompiler", "SQLBackend",
            ]
        ),
        .testTarget(
            name: "ShellTests",
            dependencies: ["Diagnostics", "Columnar", "Engine", "Driver", "Semantic", "Shell", "GoldenSupport", "BundledData", "Charts"]
        ),
        // Runs the built executable; `swift build --build-tests` builds it first.
        .testTarget(name: "AmityCLITests", dependencies: ["amity"]),
    ]
)
