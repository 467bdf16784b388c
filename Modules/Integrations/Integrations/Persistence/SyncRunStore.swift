import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.sync_runs`.
enum SyncRunStore {
    static let columns = "id, instance_id, operation, trigger, status, started_at, finished_at, pages, fetched, stored, warning, error"

    static func start(
        instance: IntegrationInstanceID, operation: SyncOperation, trigger: SyncTrigger, in transaction: Transaction
    ) async throws -> SyncRunID {
        let rows = try await transaction.query(
            .dynamic(
                """
                INSERT INTO integrations.sync_runs (tenant_id, instance_id, operation, trigger, status)
                VALUES ($1, $2, $3, $4, 'running') RETURNING id
                """, transaction.tenant.rawValue, instance.rawValue, operation.rawValue, trigger.rawValue))
        for try await id in rows.decode(Int64.self) { return SyncRunID(id) }
        throw IntegrationsError.instanceNotFound(instance)
    }

    /// Whether a run of `operation` on the instance started within `seconds` and has not finished (one still going, rather
    /// than one a crashed worker left behind).
    static func isRunning(
        instance: IntegrationInstanceID, operation: SyncOperation, withinSeconds seconds: Int, in transaction: Transaction
    ) async throws -> Bool {
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT 1 FROM integrations.sync_runs
                WHERE tenant_id = $1 AND instance_id = $2 AND operation = $3 AND status = 'running'
                  AND started_at > now() - make_interval(secs => $4)
                LIMIT 1
                """, transaction.tenant.rawValue, instance.rawValue, operation.rawValue, seconds))
        for try await _ in rows { return true }
        return false
    }

    /// Adds one page's counts to a running run.
    static func count(_ run: SyncRunID, pages: Int, fetched: Int, stored: Int, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.sync_runs SET pages = pages + $3, fetched = fetched + $4, stored = stored + $5
                WHERE tenant_id = $1 AND id = $2
                """, transaction.tenant.rawValue, run.rawValue, pages, fetched, stored))
    }

    static func finish(_ run: SyncRunID, status: SyncRunStatus, warning: String?, error: String?, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.sync_runs SET status = $3, warning = nullif(concat_ws(' ', warning, $4::text), ''), error = $5, finished_at = now()
                WHERE tenant_id = $1 AND id = $2
                """, transaction.tenant.rawValue, run.rawValue, status.rawValue, warning, error))
    }

    /// Adds a sentence to the run's warning while it runs (`finish` keeps it).
    static func note(_ run: SyncRunID, _ warning: String, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                "UPDATE integrations.sync_runs SET warning = concat_ws(' ', warning, $3::text) WHERE tenant_id = $1 AND id = $2",
                transaction.tenant.rawValue, run.rawValue, warning))
    }

    static func find(_ id: SyncRunID, in transaction: Transaction) async throws -> SyncRun? {
        try await self.find(ids: [id.rawValue], in: transaction).first
    }

    static func find(ids: [Int64], in transaction: Transaction) async throws -> [SyncRun] {
        let rows = try await transaction.query(
            .dynamic("SELECT \(Self.columns) FROM integrations.sync_runs WHERE tenant_id = $1 AND id = ANY($2)", transaction.tenant.rawValue, ids))
        var runs: [SyncRun] = []
        for try await row in rows { runs.append(try Self.run(row)) }
        return runs
    }

    static func list(
        instance: IntegrationInstanceID?, filter: SyncRunFilter?, sort: [ListSort<SyncRunSortField>], page: PageRequest, tenant: TenantID
    ) throws -> KeysetPage {
        let keys = SortKey.keys(for: sort.isEmpty ? [ListSort(.startedAt, .desc)] : sort) { field, descending in
            switch field {
            case .startedAt: SortKey("started_at", .timestamp, descending: descending)
            case .id: nil
            }
        }
        return try InstanceScopedList.page(
            table: "integrations.sync_runs", columns: Self.columns, tenant: tenant, instance: instance, filter: filter,
            clauses: { filter, conditions in
                [
                    try conditions.enumeration("operation", filter.operation), try conditions.enumeration("status", filter.status),
                    try conditions.enumeration("trigger", filter.trigger), try conditions.dateTime("started_at", filter.startedAt),
                ]
            }, keys: keys, page: page)
    }

    static func run(_ row: PostgresRow) throws -> SyncRun {
        let cells = row.makeRandomAccess()
        return SyncRun(
            id: SyncRunID(try cells[0].decode(Int64.self)), instanceID: IntegrationInstanceID(try cells[1].decode(Int64.self)),
            operation: SyncOperation(rawValue: try cells[2].decode(String.self)) ?? .ordersPull,
            trigger: SyncTrigger(rawValue: try cells[3].decode(String.self)) ?? .manual,
            status: SyncRunStatus(rawValue: try cells[4].decode(String.self)) ?? .failed, startedAt: try cells[5].decode(Date.self),
            finishedAt: try cells[6].decode(Date?.self), pages: try cells[7].decode(Int.self), fetched: try cells[8].decode(Int.self),
            stored: try cells[9].decode(Int.self), warning: try cells[10].decode(String?.self), error: try cells[11].decode(String?.self))
    }
}
