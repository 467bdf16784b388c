import Foundation
import Kernel
import Logging
import PostgresNIO
import Storage

/// Real PostgreSQL for tests. One server per test process: `DATABASE_URL` when set, otherwise a private embedded cluster
/// (stopped and deleted when the process exits). Migrations run once into a template database; every test gets a fresh
/// database copied from it, so tests never see each other's rows.
public enum TestDatabase {
    public static let applicationRole = ApplicationRole(name: "switchyard_app", password: "switchyard_app")

    /// The repository's `Schema/migrations`, found from this file's location.
    public static let migrationsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schema/migrations")

    public static let repositoryRoot: URL = migrationsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static let logger: Logger = {
        var logger = Logger(label: "tests")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// A fresh, migrated database; `body` gets pools for the owner and the application role.
    public static func withFresh<Result: Sendable>(_ body: @Sendable (TestEnvironment) async throws -> Result) async throws -> Result {
        let server = try await TestServer.shared.value
        let name = try await server.createDatabase()
        let owner = server.url.with(database: name)
        let application = owner.with(username: Self.applicationRole.name, password: Self.applicationRole.password)
        return try await DatabaseAdministration.withClient(owner, poolSize: 2, logger: Self.logger) { ownerClient in
            try await DatabaseAdministration.withClient(application, poolSize: 6, logger: Self.logger) { applicationClient in
                try await body(
                    TestEnvironment(
                        ownerURL: owner, applicationURL: application, ownerClient: ownerClient,
                        database: Database(client: applicationClient, logger: Self.logger), logger: Self.logger))
            }
        }
    }

    /// An empty database (no migrations) on the test server, for migrator tests.
    public static func emptyDatabaseURL() async throws -> DatabaseURL {
        let server = try await TestServer.shared.value
        return server.url.with(database: try await server.createDatabase(template: "template0"))
    }
}

/// What a test gets: the database as the application role (RLS applies), and the owner for inspection.
public struct TestEnvironment: Sendable {
    public let ownerURL: DatabaseURL
    public let applicationURL: DatabaseURL
    public let ownerClient: PostgresClient
    public let database: Database
    public let logger: Logger
}
