import Channels
import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.remote_orders`.
enum RemoteOrderStore {
    /// Upserts a page of orders in one statement (absent values travel as empty text); an order whose stored remote change is newer is left alone. Answers how
    /// many rows were written.
    static func upsert(_ orders: [RemoteOrder], instance: IntegrationInstanceID, in transaction: Transaction) async throws -> Int {
        guard !orders.isEmpty else { return 0 }
        let rows = try await transaction.query(
            .dynamic(
                """
                INSERT INTO integrations.remote_orders AS o
                    (tenant_id, instance_id, remote_id, remote_status, remote_created_at, remote_updated_at, payload, lines)
                SELECT $1, $2, remote_id, NULLIF(status, ''), NULLIF(created, '')::timestamptz, NULLIF(updated, '')::timestamptz, payload, lines
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                    AS page (remote_id, status, created, updated, payload, lines)
                ON CONFLICT (tenant_id, instance_id, remote_id) DO UPDATE
                SET remote_status = EXCLUDED.remote_status, remote_created_at = EXCLUDED.remote_created_at,
                    remote_updated_at = EXCLUDED.remote_updated_at, payload = EXCLUDED.payload, lines = EXCLUDED.lines, last_seen_at = now()
                WHERE o.remote_updated_at IS NULL OR EXCLUDED.remote_updated_at IS NULL OR EXCLUDED.remote_updated_at >= o.remote_updated_at
                RETURNING 1
                """, transaction.tenant.rawValue, instance.rawValue, orders.map(\.remoteID), orders.map { $0.status ?? "" },
                orders.map { $0.createdAt.map(ISO8601.string(from:)) ?? "" }, orders.map { $0.updatedAt.map(ISO8601.string(from:)) ?? "" },
                orders.map { String(decoding: $0.payload.serialized(), as: UTF8.self) },
                orders.map { String(decoding: JSONValue.array($0.lines).serialized(), as: UTF8.self) }))
        var written = 0
        for try await _ in rows { written += 1 }
        return written
    }
}
