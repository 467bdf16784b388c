import Foundation
import Kernel
import Logging
import PostgresNIO

/// The application's connection pool, connected as the application role (no table ownership, no `BYPASSRLS`).
/// Every unit of work runs in a transaction whose row-level-security scope is set first.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Runs `body` in a transaction that sees only `tenant`'s rows (`SET LOCAL app.tenant_id`).
    @discardableResult
    public func withTenant<Result: Sendable>(
        _ tenant: TenantID,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> Result
    ) async throws -> Result {
        do {
            return try await self.client.withTransaction(logger: self.logger, isolation: isolation) { connection in
                try await connection.query(
                    "SELECT set_config('app.tenant_id', \(tenant.rawValue.uuidString), true)", logger: self.logger)
                return try await body(Transaction(connection: connection, scope: .tenant(tenant), logger: self.logger))
            }
        } catch let error as PostgresTransactionError {
            throw Self.unwrap(error)
        }
    }

    /// Runs `body` in a transaction with the cross-tenant infrastructure scope (`SET LOCAL app.system = on`).
    @discardableResult
    public func withSystem<Result: Sendable>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> Result
    ) async throws -> Result {
        do {
            return try await self.client.withTransaction(logger: self.logger, isolation: isolation) { connection in
                try await connection.query("SELECT set_config('app.system', 'on', true)", logger: self.logger)
                return try await body(Transaction(connection: connection, scope: .system, logger: self.logger))
            }
        } catch let error as PostgresTransactionError {
            throw Self.unwrap(error)
        }
    }

    /// PostgresNIO wraps what a transaction's body throws; callers get the body's own error (a domain error stays one).
    /// The transaction has been rolled back either way.
    static func unwrap(_ error: PostgresTransactionError) -> any Error {
        error.closureError ?? error.beginError ?? error.commitError ?? error
    }

    /// Refuses to run as a role that would bypass row-level security: a superuser, a role with `BYPASSRLS`, or the owner
    /// of a table (owners can switch a table's row security off).
    public func verifyApplicationRole() async throws {
        let rows = try await self.client.query(
            """
            SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                   (SELECT string_agg(n.nspname || '.' || c.relname, ', ' ORDER BY n.nspname, c.relname)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND c.relowner = r.oid
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%')
            FROM pg_roles r WHERE r.rolname = current_user
            """, logger: self.logger)
        for try await (name, isSuperuser, bypassesRLS, ownedTables) in rows.decode((String, Bool, Bool, String?).self) {
            if isSuperuser || bypassesRLS {
                throw StorageError.unsafeApplicationRole(
                    "database role '\(name)' is a superuser or has BYPASSRLS, so tenant isolation would not hold. "
                        + "Connect as the application role created by `switchyard migrate`.")
            }
            if let ownedTables {
                throw StorageError.unsafeApplicationRole(
                    "database role '\(name)' owns tables (\(ownedTables.prefix(200))), so it could switch their row security off. "
                        + "Connect as the application role created by `switchyard migrate`, which owns nothing.")
            }
        }
    }
}
