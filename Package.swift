// swift-tools-version:6.0
import PackageDescription

// One module per stage; imports go one way:
// Diagnostics <- Syntax <- Parser <- (later: Semantic, Engine, Shell) <- amity
// CLibEdit <- LineEditor <- amity
let package = Package(
    name: "Amity",
    products: [
        .executable(name: "amity", targets: ["amity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Diagnostics"),
        .target(name: "Syntax", dependencies: ["Diagnostics"]),
        .target(name: "Parser", dependencies: ["Diagnostics", "Syntax"]),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        .executableTarget(
            name: "amity",
            dependencies: [
                "Diagnostics", "Syntax", "Parser", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "ParserTests", dependencies: ["Diagnostics", "Syntax", "Parser"]),
        // Runs the built executable; `swift build --build-tests` builds it first.
        .testTarget(name: "AmityCLITests", dependencies: ["amity"]),
    ]
)
