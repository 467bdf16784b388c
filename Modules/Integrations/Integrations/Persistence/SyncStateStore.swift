import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.sync_states`: where an instance's next pull of each kind of record starts.
enum SyncStateStore {
    struct State: Sendable, Equatable {
        var updatedSince: Date?
        /// The provider's continuation of an unfinished walk, and the `updatedSince` that walk started from.
        var continuation: String?
        var continuationSince: Date?
    }

    /// The instance's state, locked for the run (a second run of the same instance waits rather than pulling twice).
    static func lock(_ instance: IntegrationInstanceID, _ resource: RemoteResource, in transaction: Transaction) async throws -> State {
        try await transaction.query(
            .dynamic(
                """
                INSERT INTO integrations.sync_states (tenant_id, instance_id, resource) VALUES ($1, $2, $3)
                ON CONFLICT (tenant_id, instance_id, resource) DO NOTHING
                """, transaction.tenant.rawValue, instance.rawValue, resource.rawValue))
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT updated_since, continuation, continuation_since FROM integrations.sync_states
                WHERE tenant_id = $1 AND instance_id = $2 AND resource = $3 FOR UPDATE
                """, transaction.tenant.rawValue, instance.rawValue, resource.rawValue))
        for try await (since, continuation, continuationSince) in rows.decode((Date?, String?, Date?).self) {
            return State(updatedSince: since, continuation: continuation, continuationSince: continuationSince)
        }
        return State()
    }

    /// Records progress after a page: the walk's continuation (or none), and how many records it fetched.
    static func advance(
        _ instance: IntegrationInstanceID, _ resource: RemoteResource, continuation: String?, since: Date, fetched: Int, in transaction: Transaction
    ) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.sync_states
                SET continuation = $3, continuation_since = CASE WHEN $3::text IS NULL THEN NULL ELSE $4::timestamptz END,
                    total_fetched = total_fetched + $5
                WHERE tenant_id = $1 AND instance_id = $2 AND resource = $6
                """, transaction.tenant.rawValue, instance.rawValue, continuation, since, fetched, resource.rawValue))
    }

    /// Closes a finished walk: the next pull starts at `updatedSince`.
    static func complete(_ instance: IntegrationInstanceID, _ resource: RemoteResource, updatedSince: Date, in transaction: Transaction) async throws
    {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.sync_states
                SET updated_since = $3, continuation = NULL, continuation_since = NULL, last_synced_at = now()
                WHERE tenant_id = $1 AND instance_id = $2 AND resource = $4
                """, transaction.tenant.rawValue, instance.rawValue, updatedSince, resource.rawValue))
    }

    /// Moves the next pull's start back to `since` (never forward), dropping a walk in progress, so the next pull stores
    /// everything changed from then on again.
    static func rewind(_ instance: IntegrationInstanceID, _ resource: RemoteResource, to since: Date, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                """
                INSERT INTO integrations.sync_states AS state (tenant_id, instance_id, resource, updated_since) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id, instance_id, resource) DO UPDATE
                SET updated_since = least(coalesce(state.updated_since, $4), $4), continuation = NULL, continuation_since = NULL
                """, transaction.tenant.rawValue, instance.rawValue, resource.rawValue, since))
    }

    static func info(instances: [Int64], _ resource: RemoteResource, in transaction: Transaction) async throws -> [SyncInfo] {
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT i.id, s.updated_since, s.continuation, s.last_synced_at, COALESCE(s.total_fetched, 0),
                       (SELECT count(*) FROM \(RemoteRecordStore.Table.of(resource).name) r WHERE r.tenant_id = i.tenant_id AND r.instance_id = i.id)
                FROM integrations.instances i
                LEFT JOIN integrations.sync_states s ON s.tenant_id = i.tenant_id AND s.instance_id = i.id AND s.resource = $3
                WHERE i.tenant_id = $1 AND i.id = ANY($2)
                """, transaction.tenant.rawValue, instances, resource.rawValue))
        var infos: [SyncInfo] = []
        for try await (id, since, continuation, synced, fetched, stored) in rows.decode((Int64, Date?, String?, Date?, Int64, Int64).self) {
            infos.append(
                SyncInfo(
                    instanceID: IntegrationInstanceID(id), resource: resource, updatedSince: since, continuation: continuation, lastSyncedAt: synced,
                    totalFetched: Int(fetched), stored: Int(stored)))
        }
        return infos
    }
}
