import App
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import IdentityContracts
import Integrations
import Inventory
import Kernel
import NIOCore
import NIOPosix
import Orders
import PostgresNIO
import Storage
import TestSupport

/// A running router on a fresh database with one tenant and three members (owner, staff, viewer), plus a second tenant.
struct AppFixture: Sendable {
    static let jwtSecret = "test-secret-that-is-at-least-32-bytes-long"
    static let vault = CredentialVault(base64Key: Data(repeating: 7, count: 32).base64EncodedString())!
    static let metricsToken = "metrics-token"
    static let bodyLimit = 4096

    let environment: TestEnvironment
    let identity: IdentityService
    let tenant: TenantSummary
    let otherTenant: TenantSummary
    let owner: UserSummary
    let staff: UserSummary
    let viewer: UserSummary
    let outsider: UserSummary
    let tokens: AdminTokens
    let clock: FixedClock
    /// Where consents lead: the live server's public URL with `run(live: true)`.
    let links: AuthorizationLinks

    static let adminURL = "http://admin.switchyard.test"
    /// Where consents lead in tests that serve no HTTP (`run(live: false)`).
    static let links = AuthorizationLinks(publicURL: "http://127.0.0.1:8080", adminURL: Self.adminURL)

    static func configuration(port: Int? = nil) throws -> AppConfiguration {
        var environment = ["JWT_SECRET": Self.jwtSecret, "METRICS_TOKEN": Self.metricsToken, "MAX_BODY_BYTES": "\(Self.bodyLimit)"]
        if let port { environment.merge(["PORT": "\(port)", "PUBLIC_URL": "http://127.0.0.1:\(port)", "ADMIN_URL": Self.adminURL]) { $1 } }
        return try AppConfiguration.load(environment: environment)
    }

    /// Runs `body` against the in-process router; with `live` the router also listens on loopback at `links.publicURL`,
    /// so another server (the Sandbox) can call it back.
    static func run(live: Bool = false, _ body: @escaping @Sendable (AppFixture, any TestClientProtocol) async throws -> Void) async throws {
        let configuration = try Self.configuration(port: live ? try await Self.freePort() : nil)
        let links = live ? configuration.authorizationLinks : Self.links
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let tenant = try await identity.ensureTenant(id: .random(), name: "Demo", slug: "demo")
            let otherTenant = try await identity.ensureTenant(id: .random(), name: "Other", slug: "other")
            func member(_ name: String, _ role: Role, of tenant: TenantSummary) async throws -> UserSummary {
                let user = try await identity.ensureUser(id: .random(), email: "\(name)@example.com", name: name)
                try await identity.setMembership(tenant: tenant.id, user: user.id, role: role)
                return user
            }
            let clock = FixedClock(Date())
            let fixture = AppFixture(
                environment: environment, identity: identity, tenant: tenant, otherTenant: otherTenant,
                owner: try await member("owner", .owner, of: tenant), staff: try await member("staff", .staff, of: tenant),
                viewer: try await member("viewer", .viewer, of: tenant), outsider: try await member("outsider", .owner, of: otherTenant),
                tokens: await AdminTokens(secret: Self.jwtSecret, issuer: "switchyard", lifetimeMinutes: 60, clock: clock), clock: clock,
                links: links)
            let services = AppServices(
                database: environment.database, identity: identity,
                integrations: IntegrationsService(
                    database: environment.database, vault: Self.vault, clock: clock, links: links,
                    orders: OrdersService(database: environment.database), catalog: CatalogService(database: environment.database)),
                orders: OrdersService(database: environment.database), inventory: InventoryService(database: environment.database),
                catalog: CatalogService(database: environment.database),
                adminTokens: fixture.tokens, clock: clock)
            let router = try buildRouter(configuration: configuration, services: services)
            let test = { try await Application(router: router).test(.router) { client in try await body(fixture, client) } }
            if live { try await Self.serving(router, port: configuration.port, test) } else { try await test() }
        }
    }

    func adminHeaders(_ user: UserSummary, tenant: TenantID? = nil) async throws -> HTTPFields {
        [.authorization: "Bearer \(try await self.tokens.sign(user: user.id))", HTTPField.Name("orgid")!: (tenant ?? self.tenant.id).description]
    }

    /// Every context's job handlers, for a test's worker.
    var jobs: JobRegistry {
        JobHandlers.registry(
            integrations: IntegrationsService(
                database: self.environment.database, vault: Self.vault, clock: SystemClock(), links: Self.links,
                orders: OrdersService(database: self.environment.database), catalog: CatalogService(database: self.environment.database)),
            inventory: InventoryService(database: self.environment.database))
    }

    /// Serves `router` on loopback at `port` while `body` runs.
    static func serving(_ router: Router<AppRequestContext>, port: Int, _ body: () async throws -> Void) async throws {
        let (ready, signal) = AsyncStream.makeStream(of: Void.self)
        let server = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { _ in signal.yield() })
        let task = Task {
            defer { signal.finish() }
            try await server.runService(gracefulShutdownSignals: [])
        }
        defer { task.cancel() }
        var iterator = ready.makeAsyncIterator()
        guard await iterator.next() != nil else {
            try await task.value  // the server stopped before it listened: its error
            throw CancellationError()
        }
        try await body()
    }

    /// A loopback port nothing listens on right now.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        defer { channel.close(promise: nil) }
        guard let port = channel.localAddress?.port else { throw CancellationError() }
        return port
    }

    func count(_ table: String) async throws -> Int {
        let rows = try await self.environment.ownerClient.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)")).collect()
        return try rows.first!.decode(Int.self)
    }

    /// The first column of a query's rows, as text (nil for null), as the table owner sees them.
    func texts(_ sql: String) async throws -> [String?] {
        try await self.environment.ownerClient.query(PostgresQuery(unsafeSQL: sql)).collect().map { try $0.decode(String?.self) }
    }
}

extension TestResponse {
    var text: String { String(buffer: self.body) }

    /// The body as a JSON object; empty when it is not one (the expectations on it then fail).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(self.text.utf8))) as? [String: Any] ?? [:]
    }
}

extension String {
    var buffer: ByteBuffer { ByteBuffer(string: self) }
}
