// swift-tools-version: 6.1
import PackageDescription

/// Settings every Baton target shares: Swift 6 mode plus the upcoming features that keep
/// imports and existentials explicit (the same set Hummingbird builds with).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

#if os(Linux)
import Glibc

/// Linker flags of the release binary on Linux. Nothing loads baton as a library, so its 38,000
/// Swift symbols are not exported (their tables cost about 3 MB resident). lld packs the
/// 130,000 relative relocations into a DT_RELR table of 26 KB instead of a 3 MB one read at
/// every start (#18), and folds identical functions; packed relocations need glibc 2.36 where
/// the binary runs, so a build on an older glibc keeps the classic table.
let releaseLinkerFlags: [String] = {
    var text = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
    _ = confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count)
    let words = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
    let version = words.last?.split(separator: ".").compactMap { Int($0) } ?? []
    let packsRelocations = version.count >= 2 && (version[0], version[1]) >= (2, 36)
    // The functions `baton serve` runs to start and while idle go first in .text (the file is
    // written by scripts/startup-order): the kernel maps code in 64 KB windows around each page
    // touched, so start-up code scattered over 30 MB kept most of .text resident. Names the file
    // no longer matches are skipped without a warning.
    let startupOrder = ["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Linker/startup-functions.order", "-Xlinker", "--no-warn-symbol-ordering"]
    return ["-Xlinker", "--no-export-dynamic", "-use-ld=lld", "-Xlinker", "--icf=all"] + startupOrder
        + (packsRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : [])
}()
#else
let releaseLinkerFlags: [String] = []
#endif

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .library(name: "BatonModel", targets: ["BatonModel"]),
        .library(name: "BatonBPMN", targets: ["BatonBPMN"]),
        .library(name: "BatonCore", targets: ["BatonCore"]),
        .library(name: "BatonEngine", targets: ["BatonEngine"]),
        .library(name: "BatonTesting", targets: ["BatonTesting"]),
        .library(name: "BatonPostgres", targets: ["BatonPostgres"]),
        .library(name: "BatonAdapters", targets: ["BatonAdapters"]),
        .library(name: "BatonDiagram", targets: ["BatonDiagram"]),
        .library(name: "BatonServer", targets: ["BatonServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Hummingbird's own; named for the tests' loopback server, which shuts down gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        // Build-time only: compiles files and the commit into the binary, so `baton` runs from any directory.
        .executableTarget(name: "baton-embed", swiftSettings: strictSettings),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["baton-embed"]),
        .plugin(name: "BuildCommit", capability: .buildTool(), dependencies: ["baton-embed"]),
        .target(name: "BatonModel", swiftSettings: strictSettings),
        .target(name: "BatonBPMN", dependencies: ["BatonModel", "CLibXML2"], swiftSettings: strictSettings),
        .target(name: "BatonCore", dependencies: ["BatonModel"], swiftSettings: strictSettings),
        .target(name: "BatonDiagram", dependencies: ["BatonModel"], swiftSettings: strictSettings),
        .target(
            name: "BatonEngine",
            dependencies: [
                "BatonCore", "BatonBPMN", "BatonModel", .product(name: "CoreMetrics", package: "swift-metrics"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "BatonPostgres", dependencies: ["BatonEngine", "BatonCore", "BatonModel", "CLibPQ"], swiftSettings: strictSettings,
            plugins: ["EmbedFiles"]),
        .target(
            name: "BatonTesting",
            dependencies: [
                "BatonEngine", "BatonPostgres", "BatonCore", "BatonModel", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "BatonAdapters",
            dependencies: [
                "BatonPostgres", "BatonEngine", "BatonModel", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "BatonServer",
            dependencies: [
                "BatonEngine", "BatonAdapters", "BatonPostgres", "BatonBPMN", "BatonCore", "BatonModel", "BatonDiagram",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings, plugins: ["EmbedFiles"]),
        .executableTarget(
            name: "baton",
            dependencies: [
                "BatonModel",
                "BatonBPMN",
                "BatonCore",
                "BatonEngine",
                "BatonPostgres",
                "BatonAdapters",
                "BatonServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: [
                .unsafeFlags(releaseLinkerFlags, .when(platforms: [.linux], configuration: .release))
            ],
            plugins: ["BuildCommit"]
        ),
        .testTarget(name: "BatonModelTests", dependencies: ["BatonModel"], swiftSettings: strictSettings),
        .testTarget(name: "BatonBPMNTests", dependencies: ["BatonBPMN", "BatonModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "BatonDiagramTests", dependencies: ["BatonDiagram", "BatonBPMN", "BatonModel"], exclude: ["Snapshots"], swiftSettings: strictSettings),
        .testTarget(name: "BatonCoreTests", dependencies: ["BatonCore", "BatonBPMN", "BatonModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "BatonEngineTests", dependencies: ["BatonEngine", "BatonTesting", "BatonCore", "BatonBPMN", "BatonModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "BatonPostgresTests", dependencies: ["BatonPostgres", "BatonEngine", "BatonTesting", "BatonCore", "BatonModel"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "BatonAdaptersTests", dependencies: ["BatonAdapters", "BatonPostgres", "BatonEngine", "BatonTesting", "BatonModel"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "BatonServerTests",
            dependencies: [
                "BatonServer", "BatonEngine", "BatonTesting", "BatonModel", "BatonAdapters", "BatonPostgres",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests", dependencies: ["baton", "BatonCore", "BatonEngine", "BatonPostgres", "BatonTesting"], swiftSettings: strictSettings),
    ]
)
