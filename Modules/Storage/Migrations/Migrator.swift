import Foundation
import Logging
import PostgresNIO

/// Applies migrations as the owner role, under an advisory lock, each in its own transaction,
/// recording a checksum; then (re)creates the application role and grants it access to every context schema.
public struct Migrator: Sendable {
    /// Key of the session-level advisory lock that serialises concurrent `migrate` runs.
    static let advisoryLockKey: Int64 = 0x5357_4954_4348  // "SWITCH"

    public let files: [MigrationFile]
    public let applicationRole: ApplicationRole
    public let logger: Logger

    public init(files: [MigrationFile], applicationRole: ApplicationRole, logger: Logger) {
        self.files = files
        self.applicationRole = applicationRole
        self.logger = logger
    }

    /// Applies what is missing and returns the files applied by this run.
    @discardableResult
    public func migrate(owner: PostgresClient) async throws -> [MigrationFile] {
        try await owner.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", logger: self.logger)
            do {
                let applied = try await self.applyPending(on: connection)
                try await self.grantApplicationRole(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: self.logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: self.logger)
                throw error
            }
        }
    }

    private func applyPending(on connection: PostgresConnection) async throws -> [MigrationFile] {
        try await connection.query("CREATE SCHEMA IF NOT EXISTS platform", logger: self.logger)
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS platform.schema_migrations (
                context text NOT NULL,
                version integer NOT NULL,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (context, version)
            )
            """, logger: self.logger)
        var recorded: [String: String] = [:]
        let rows = try await connection.query("SELECT context, version, checksum FROM platform.schema_migrations", logger: self.logger)
        for try await (context, version, checksum) in rows.decode((String, Int, String).self) {
            recorded["\(context)/\(version)"] = checksum
        }
        var applied: [MigrationFile] = []
        for file in self.files {
            if let checksum = recorded["\(file.context)/\(file.version)"] {
                guard checksum == file.checksum else {
                    throw StorageError.migrationChanged(
                        context: file.context, version: file.version, name: file.name, recorded: checksum, found: file.checksum)
                }
                continue
            }
            try await self.apply(file, on: connection)
            applied.append(file)
        }
        return applied
    }

    private func apply(_ file: MigrationFile, on connection: PostgresConnection) async throws {
        self.logger.info("applying migration", metadata: ["migration": "\(file.path)"])
        do {
            try await connection.withTransaction(logger: self.logger) { connection in
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(file.context)"), logger: self.logger)
                for (offset, statement) in SQLScript.statements(file.sql).enumerated() {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    } catch let error as PSQLError {
                        throw StorageError.migrationFailed(
                            file: file.path, statement: offset + 1, reason: error.serverInfo?[.message] ?? String(reflecting: error))
                    }
                }
                try await connection.query(
                    """
                    INSERT INTO platform.schema_migrations (context, version, name, checksum)
                    VALUES (\(file.context), \(file.version), \(file.name), \(file.checksum))
                    """, logger: self.logger)
            }
        } catch let error as PostgresTransactionError {
            throw Database.unwrap(error)
        }
    }

    private func grantApplicationRole(on connection: PostgresConnection) async throws {
        let role = self.applicationRole
        let exists = try await !connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(role.name)", logger: self.logger)
            .collect().isEmpty
        if exists {
            try await self.runFormatted("ALTER ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS", role.name, role.password, on: connection)
        } else {
            try await self.runFormatted(
                "CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE", role.name, role.password, on: connection)
        }
        let schemas = Set(self.files.map(\.context)).union([MigrationFile.platformContext]).sorted()
        for schema in schemas {
            try await self.runFormatted("GRANT USAGE ON SCHEMA %I TO %I", schema, role.name, on: connection)
            try await self.runFormatted("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I", schema, role.name, on: connection)
            try await self.runFormatted("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I", schema, role.name, on: connection)
        }
        try await self.runFormatted("REVOKE ALL ON platform.schema_migrations FROM %I", role.name, on: connection)
    }

    /// Builds a utility statement with `format()` so identifiers and literals are quoted by PostgreSQL, then runs it.
    private func runFormatted(_ template: String, _ arguments: String..., on connection: PostgresConnection) async throws {
        var bindings = PostgresBindings()
        bindings.append(template)
        for argument in arguments { bindings.append(argument) }
        let placeholders = (2...(arguments.count + 1)).map { "$\($0)::text" }.joined(separator: ", ")
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT format($1::text, \(placeholders))", binds: bindings), logger: self.logger)
        for try await statement in rows.decode(String.self) {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
        }
    }
}
