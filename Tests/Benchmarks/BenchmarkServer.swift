import App
import Catalog
import Foundation
import Hummingbird
import Identity
import Integrations
import Inventory
import Kernel
import Logging
import Orders
import PostgresNIO
import Storage

/// The server built exactly as `switchyard serve` builds it, on the benchmark database, serving while `body` runs wrk
/// against it. `prepare` sets up data with the services first; `body` gets the server's root URL and what `prepare` made.
enum BenchmarkServer {
    static var wrkInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") }

    static func run<Prepared: Sendable>(
        _ database: BenchmarkDatabase, portBase: Int, poolSize: Int, logger: Logger,
        prepare: @Sendable (AppServices, IntegrationsService, IdentityService) async throws -> Prepared,
        body: @Sendable (String, Prepared) async throws -> Void
    ) async throws {
        let port = portBase + Int(ProcessInfo.processInfo.processIdentifier % 10000)
        let configuration = try AppConfiguration.load(environment: [
            "PORT": "\(port)", "JWT_SECRET": String(repeating: "b", count: 32), "LOG_LEVEL": "error",
        ])
        try await DatabaseAdministration.withClient(database.application, poolSize: poolSize, logger: logger) { client in
            let db = Database(client: client, logger: logger)
            let integrations = IntegrationsService(
                database: db, vault: CredentialVault(base64Key: CredentialVault.generateKey())!, clock: SystemClock(),
                links: configuration.authorizationLinks, orders: OrdersService(database: db), catalog: CatalogService(database: db))
            let identity = IdentityService(database: db)
            let services = AppServices(
                database: db, identity: identity, integrations: integrations, orders: OrdersService(database: db),
                inventory: InventoryService(database: db), catalog: CatalogService(database: db),
                adminTokens: await AdminTokens(secret: configuration.jwtSecret ?? "", issuer: "switchyard", lifetimeMinutes: 60), clock: SystemClock()
            )
            let prepared = try await prepare(services, integrations, identity)
            var quiet = logger
            quiet.logLevel = .critical
            let application = try buildApplication(configuration: configuration, services: services, backgroundServices: [], logger: quiet)
            let server = Task { try await application.runService() }
            try await Task.sleep(for: .seconds(1))
            try await body("http://127.0.0.1:\(port)", prepared)
            server.cancel()
            _ = try? await server.value
        }
    }

    /// The value after `label` on a line of wrk's report (e.g. `Requests/sec:`).
    static func field(_ output: String, _ label: String, fallback: String = "?") -> String {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(label) }
            .map { String($0.split(separator: " ", omittingEmptySubsequences: true).last ?? "?") } ?? fallback
    }
}
