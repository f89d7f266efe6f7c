// swift-tools-version:6.0
// ptce-jury — console du jury de l'AMI PTCE (phase 2).
// Layers, arrows pointing down only:
//   ptce-jury (command line) → JuryTerminal (ncurses backend) → JuryConsole (state/update/view)
//   → JuryStore (JSON files) → JuryCore (pure domain); JuryDemo generates campaigns from JuryCore types.
import PackageDescription

let package = Package(
    name: "PTCEJury",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ptce-jury", targets: ["ptce-jury"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // libc's wcwidth, so that our layout agrees with what ncurses draws (guide §4).
        .target(name: "CDisplayWidth"),
        // swift-collections' heap orders the shortest-path search of the rapporteurs' assignment.
        .target(name: "JuryCore", dependencies: ["CDisplayWidth", .product(name: "HeapModule", package: "swift-collections")]),
        // swift-crypto's SHA-256 chains the audit journal (Foundation has none on Linux).
        .target(name: "JuryStore", dependencies: ["JuryCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "JuryDemo", dependencies: ["JuryCore"]),
        // Reads Démarches Simplifiées exports (GraphQL JSON, CSV, XLSX, ODS) into the store.
        .target(name: "JuryImport", dependencies: [
            "JuryCore", "JuryStore",
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Deliberation exports: CSV for French spreadsheets, OpenDocument spreadsheet, JSON, Markdown minutes.
        .target(name: "JuryExport", dependencies: [
            "JuryCore", .product(name: "CSV", package: "CSV.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // No pkgConfig: SwiftPM refuses its -D flags with a warning; the module map links ncursesw.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "JuryConsole", dependencies: ["JuryCore"]),
        // The jury server (one process owns a shared campaign) and its client, over a Unix socket with
        // SwiftNIO: newline-delimited JSON, the peer named by the kernel (docs/SERVER.md).
        .target(name: "JuryServer", dependencies: [
            "JuryCore", "JuryStore",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .target(name: "JuryTerminal", dependencies: ["JuryConsole", "CNcursesw"]),
        .executableTarget(
            name: "ptce-jury",
            dependencies: [
                "JuryCore", "JuryStore", "JuryDemo", "JuryConsole", "JuryTerminal", "JuryImport", "JuryExport", "JuryServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .executableTarget(
            name: "ptce-jury-bench",
            dependencies: ["JuryCore", "JuryStore", "JuryDemo", "JuryConsole", "JuryTerminal", "JuryImport", "JuryServer"]
        ),
        .testTarget(name: "JuryCoreTests", dependencies: ["JuryCore", "JuryDemo"]),
        .testTarget(name: "JuryStoreTests", dependencies: ["JuryStore", "JuryDemo"]),
        .testTarget(name: "JuryExportTests", dependencies: [
            "JuryExport", "JuryCore", "JuryDemo", "JuryStore", .product(name: "CSV", package: "CSV.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "JuryImportTests", dependencies: [
            "JuryImport", "JuryStore", "JuryCore", "JuryDemo", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "JuryConsoleTests", dependencies: ["JuryConsole", "JuryDemo"],
                    resources: [.copy("Golden")], swiftSettings: []),
        .testTarget(name: "CommandLineTests", dependencies: ["JuryStore", "JuryDemo", "JuryConsole", "JuryTerminal", "JuryImport"]),
        // A jury on one server: real Unix accounts, concurrent processes, kill -9, full and read-only disks (needs root).
        .testTarget(name: "SharedServerTests", dependencies: ["JuryStore", "JuryCore", "JuryDemo", "JuryServer", "JuryImport"]),
    ],
    swiftLanguageModes: [.v6]
)
