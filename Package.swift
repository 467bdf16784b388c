// swift-tools-version:6.2
import PackageDescription

let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "switchyard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // MARK: Kernel and shared infrastructure
        .target(
            name: "Kernel",
            path: "Modules/Kernel",
            swiftSettings: strictness
        ),
        .target(
            name: "Storage",
            dependencies: [
                "Kernel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Modules/Storage",
            swiftSettings: strictness
        ),

        // MARK: Query language engine (knows nothing of commerce)
        .target(
            name: "QueryLanguage",
            dependencies: [
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Modules/QueryLanguage",
            swiftSettings: strictness
        ),

        // MARK: Channel adapters (one folder per provider behind ChannelProvider)
        .target(
            name: "Channels",
            dependencies: [
                "Kernel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Modules/Channels",
            swiftSettings: strictness
        ),

        // MARK: Sandbox: every provider's API on loopback, for the demo and the tests
        .target(
            name: "Sandbox",
            dependencies: [
                "Kernel", "Channels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Modules/Sandbox",
            resources: [.copy("Fixtures")],
            swiftSettings: strictness
        ),

        // MARK: Identity context: tenants, users, memberships, machine tokens
        .target(
            name: "IdentityContracts",
            dependencies: ["Kernel"],
            path: "Modules/Identity/IdentityContracts",
            swiftSettings: strictness
        ),
        .target(
            name: "Identity",
            dependencies: [
                "Kernel", "Storage", "IdentityContracts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Modules/Identity/Identity",
            swiftSettings: strictness
        ),

        // MARK: Integrations context: channel connections, webhooks, inbound event log
        .target(
            name: "IntegrationsContracts",
            dependencies: ["Kernel"],
            path: "Modules/Integrations/IntegrationsContracts",
            swiftSettings: strictness
        ),
        .target(
            name: "Integrations",
            dependencies: [
                "Kernel", "Storage", "Channels", "IntegrationsContracts", "OrdersContracts", "CatalogContracts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Modules/Integrations/Integrations",
            swiftSettings: strictness
        ),

        // MARK: Orders context: normalized channel orders and refunds, the ERP's order feed
        .target(
            name: "OrdersContracts",
            dependencies: ["Kernel"],
            path: "Modules/Orders/OrdersContracts",
            swiftSettings: strictness
        ),
        .target(
            name: "Orders",
            dependencies: [
                "Kernel", "Storage", "OrdersContracts", "IntegrationsContracts",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Modules/Orders/Orders",
            swiftSettings: strictness
        ),

        // MARK: Inventory context: master stock per SKU and warehouse, its ledger, reservations
        .target(
            name: "InventoryContracts",
            dependencies: ["Kernel"],
            path: "Modules/Inventory/InventoryContracts",
            swiftSettings: strictness
        ),
        .target(
            name: "Inventory",
            dependencies: [
                "Kernel", "Storage", "InventoryContracts",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Modules/Inventory/Inventory",
            swiftSettings: strictness
        ),

        // MARK: Catalog context: the SKU master, the listings every channel holds, and the mapping between them
        .target(
            name: "CatalogContracts",
            dependencies: ["Kernel"],
            path: "Modules/Catalog/CatalogContracts",
            swiftSettings: strictness
        ),
        .target(
            name: "Catalog",
            dependencies: [
                "Kernel", "Storage", "CatalogContracts",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Modules/Catalog/Catalog",
            swiftSettings: strictness
        ),

        // MARK: Composition root
        .target(
            name: "App",
            dependencies: [
                "Kernel", "Storage", "IdentityContracts", "Identity", "QueryLanguage", "Channels", "Sandbox", "IntegrationsContracts", "Integrations",
                "OrdersContracts", "Orders", "InventoryContracts", "Inventory", "CatalogContracts", "Catalog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "App/App",
            swiftSettings: strictness
        ),
        .executableTarget(
            name: "switchyard",
            dependencies: ["App", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "App/switchyard",
            swiftSettings: strictness
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: [
                "Kernel", "Storage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "KernelTests",
            dependencies: ["Kernel"],
            path: "Tests/KernelTests",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Kernel", "Storage", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/StorageTests",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "ChannelsTests",
            dependencies: [
                "Channels", "Kernel", "Sandbox",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Tests/ChannelsTests",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "IdentityTests",
            dependencies: [
                "Kernel", "Storage", "Identity", "IdentityContracts", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/IdentityTests",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "Kernel", "Storage", "Identity", "IdentityContracts", "TestSupport", "QueryLanguage", "QueryFixtures",
                "Channels", "Integrations", "IntegrationsContracts", "Orders", "OrdersContracts", "Inventory", "InventoryContracts", "Catalog", "CatalogContracts", "Sandbox",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/AppTests",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "QueryLanguageTests",
            dependencies: [
                "QueryLanguage", "QueryFixtures",
                .product(name: "GraphQL", package: "GraphQL"),
            ],
            path: "Tests/QueryLanguageTests",
            resources: [.copy("Corpus")],
            swiftSettings: strictness
        ),
        .target(
            name: "QueryFixtures",
            dependencies: ["QueryLanguage", .product(name: "GraphQL", package: "GraphQL")],
            path: "Tests/QueryFixtures",
            swiftSettings: strictness
        ),
        .executableTarget(
            name: "QueryFuzz",
            dependencies: ["QueryFixtures"],
            path: "Tests/QueryFuzz",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "ArchitectureTests",
            path: "Tests/ArchitectureTests",
            swiftSettings: strictness
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "App", "Kernel", "Storage", "Identity", "IdentityContracts", "QueryLanguage", "QueryFixtures", "Integrations", "IntegrationsContracts",
                "Channels", "Orders", "OrdersContracts", "Inventory", "InventoryContracts", "Catalog", "CatalogContracts",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Benchmarks",
            swiftSettings: strictness
        ),
    ]
)
