import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.authorization_states`: consents under way, found by the SHA-256 of their state.
enum AuthorizationStateStore {
    /// A consent as it was started.
    struct Started: Sendable {
        let tenant: TenantID
        let instance: IntegrationInstanceID
        let provider: Provider
        let startedBy: String
        /// Older than its 15 minutes: it names the instance, but completes nothing.
        let lapsed: Bool
    }

    /// Keeps a new consent's state until `expiresAt`, dropping the tenant's lapsed ones.
    static func insert(
        stateHash: [UInt8], instance: IntegrationInstanceID, provider: Provider, startedBy: String, expiresAt: Date, now: Date,
        in transaction: Transaction
    ) async throws {
        try await transaction.query(
            .dynamic(
                "DELETE FROM integrations.authorization_states WHERE tenant_id = $1 AND expires_at <= $2", transaction.tenant.rawValue, now))
        try await transaction.query(
            .dynamic(
                """
                INSERT INTO integrations.authorization_states (state_hash, tenant_id, instance_id, provider, started_by, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, ByteBuffer(bytes: stateHash), transaction.tenant.rawValue, instance.rawValue, provider.rawValue, startedBy, expiresAt))
    }

    /// Drops the instance's consents under way (it was disconnected or deleted: a late answer connects nothing).
    static func delete(instance: IntegrationInstanceID, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                "DELETE FROM integrations.authorization_states WHERE tenant_id = $1 AND instance_id = $2", transaction.tenant.rawValue,
                instance.rawValue))
    }

    /// Spends the state across tenants (system scope): the consent it started, `nil` when it is unknown.
    static func take(stateHash: [UInt8], now: Date, in transaction: Transaction) async throws -> Started? {
        let rows = try await transaction.query(
            .dynamic(
                """
                DELETE FROM integrations.authorization_states WHERE state_hash = $1
                RETURNING tenant_id, instance_id, provider, started_by, expires_at
                """, ByteBuffer(bytes: stateHash)))
        for try await (tenant, instance, provider, startedBy, expiresAt) in rows.decode((UUID, Int64, String, String, Date).self) {
            guard let provider = Provider(rawValue: provider) else { return nil }
            return Started(
                tenant: TenantID(tenant), instance: IntegrationInstanceID(instance), provider: provider, startedBy: startedBy,
                lapsed: expiresAt <= now)
        }
        return nil
    }
}
