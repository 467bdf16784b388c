import Foundation
import Identity
import Logging
import PostgresNIO
import Storage

/// Opening pools and running migrations, shared by every command.
public enum DatabaseConnections {
    public static func makeClient(_ url: DatabaseURL, poolSize: Int, logger: Logger) -> PostgresClient {
        PostgresClient(configuration: url.clientConfiguration(maximumConnections: poolSize), backgroundLogger: logger)
    }

    /// Refuses to start a server or worker whose database role would bypass tenant isolation.
    public static func verifyApplicationRole(_ url: DatabaseURL, logger: Logger) async throws {
        try await DatabaseAdministration.withClient(url, poolSize: 1, logger: logger) { client in
            try await Database(client: client, logger: logger).verifyApplicationRole()
        }
    }

    /// Applies every migration under the configured schema folder as the owner role.
    @discardableResult
    public static func migrate(configuration: AppConfiguration, owner: DatabaseURL, logger: Logger) async throws -> [MigrationFile] {
        let files = try MigrationFile.discover(in: configuration.migrationsDirectory)
        let migrator = Migrator(files: files, applicationRole: configuration.applicationRole, logger: logger)
        return try await DatabaseAdministration.withClient(owner, logger: logger) { client in try await migrator.migrate(owner: client) }
    }
}
