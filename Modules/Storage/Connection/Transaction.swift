import Kernel
import Logging
import PostgresNIO

/// The scope a transaction runs in; row-level security policies read it from `app.tenant_id` / `app.system`.
public enum TransactionScope: Sendable, Equatable {
    /// Sees and writes only the given tenant's rows.
    case tenant(TenantID)
    /// Infrastructure work that spans tenants (claiming jobs, resolving a token hash to its tenant).
    case system
}

/// An open transaction on one connection. Obtained only from `Database.withTenant` or `Database.withSystem`,
/// so its scope has always been set before the first query runs.
public struct Transaction: Sendable {
    public let connection: PostgresConnection
    public let scope: TransactionScope
    public let logger: Logger

    /// The tenant of a tenant-scoped transaction; precondition failure in system scope, where no tenant is implied.
    public var tenant: TenantID {
        guard case .tenant(let tenant) = self.scope else {
            preconditionFailure("a system-scoped transaction has no tenant; pass it explicitly")
        }
        return tenant
    }

    @discardableResult
    public func query(_ query: PostgresQuery, file: String = #fileID, line: Int = #line) async throws -> PostgresRowSequence {
        try await self.connection.query(query, logger: self.logger, file: file, line: line)
    }
}
