import Foundation
import Logging
import PostgresNIO

/// Server-level chores done as the owner: creating databases for dev and tests.
public enum DatabaseAdministration {
    /// Creates `name` (optionally from a template database) unless it exists.
    public static func createDatabaseIfMissing(_ name: String, template: String? = nil, server: DatabaseURL, logger: Logger) async throws {
        try await self.withConnection(to: server, logger: logger) { connection in
            let exists = try await !connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger).collect().isEmpty
            guard !exists else { return }
            let templateClause = template.map { " TEMPLATE \(Self.quoteIdentifier($0))" } ?? ""
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(Self.quoteIdentifier(name))\(templateClause)"), logger: logger)
        }
    }

    public static func dropDatabaseIfExists(_ name: String, server: DatabaseURL, logger: Logger) async throws {
        try await self.withConnection(to: server, logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(Self.quoteIdentifier(name)) WITH (FORCE)"), logger: logger)
        }
    }

    /// One short-lived connection, outside any pool.
    @discardableResult
    public static func withConnection<Result: Sendable>(
        to url: DatabaseURL, logger: Logger, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await self.withClient(url, poolSize: 1, logger: logger) { client in try await client.withConnection(body) }
    }

    /// Runs `body` with a pool that is running for exactly that long.
    @discardableResult
    public static func withClient<Result: Sendable>(
        _ url: DatabaseURL, poolSize: Int = 4, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        // Short-lived pools lease before `run()` has been scheduled, which PostgresNIO reports as a warning; only its
        // errors are worth showing here.
        var backgroundLogger = logger
        backgroundLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: url.clientConfiguration(maximumConnections: poolSize), backgroundLogger: backgroundLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// `"name"` with embedded quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
