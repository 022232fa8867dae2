// swift-tools-version: 6.1
// Baton's benchmarks: a package of their own, so the main build never compiles the benchmark
// framework. Run from this folder: `swift package benchmark` (see README.md).
import Foundation
import PackageDescription

/// A path dependency is named after its folder, which differs between checkouts (`main`, a CI
/// clone…), so the root package's identity is read from the layout rather than hard-coded.
let batonPackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "BatonBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "ParserBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BatonBPMN", package: batonPackage),
                .product(name: "BatonModel", package: batonPackage),
            ],
            path: "Benchmarks/ParserBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BatonCore", package: batonPackage),
                .product(name: "BatonBPMN", package: batonPackage),
                .product(name: "BatonModel", package: batonPackage),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RuntimeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BatonEngine", package: batonPackage),
                .product(name: "BatonModel", package: batonPackage),
                .product(name: "BatonPostgres", package: batonPackage),
                .product(name: "BatonTesting", package: batonPackage),
            ],
            path: "Benchmarks/RuntimeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "HTTPBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BatonEngine", package: batonPackage),
                .product(name: "BatonPostgres", package: batonPackage),
                .product(name: "BatonServer", package: batonPackage),
                .product(name: "BatonTesting", package: batonPackage),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/HTTPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A plain executable, not a Benchmark-plugin target: filling the database happens once per
        // size, outside any measured iteration (see read-scaling.sh).
        .executableTarget(
            name: "ReadScaling",
            dependencies: [
                .product(name: "BatonEngine", package: batonPackage),
                .product(name: "BatonModel", package: batonPackage),
                .product(name: "BatonPostgres", package: batonPackage),
                .product(name: "BatonServer", package: batonPackage),
                .product(name: "BatonTesting", package: batonPackage),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "ReadScaling"
        ),
    ]
)
