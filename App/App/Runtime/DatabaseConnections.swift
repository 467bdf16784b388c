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

    /// Applies every migration under the configured schema folder as the owner role.
    @discardableResult
    public static func migrate(configuration: AppConfiguration, owner: DatabaseURL, logger: Logger) async throws -> [MigrationFile] {
        let files = try MigrationFile.discover(in: configuration.migrationsDirectory)
        let migrator = Migrator(files: files, applicationRole: configuration.applicationRole, logger: logger)
        return try await DatabaseAdministration.withClient(owner, logger: logger) { client in try await migrator.migrate(owner: client) }
    }
}
