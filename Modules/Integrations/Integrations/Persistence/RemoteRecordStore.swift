import Channels
import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.remote_orders`, `remote_products` and `remote_refunds`: records exactly as the channel holds them.
enum RemoteRecordStore {
    /// Where one kind of record is kept: its table, the column of its parts, and the column of its parent when it has one.
    struct Table {
        let name: String
        let parts: String
        let parent: String?

        static func of(_ resource: RemoteResource) -> Table {
            switch resource {
            case .orders: Table(name: "integrations.remote_orders", parts: "lines", parent: nil)
            case .products: Table(name: "integrations.remote_products", parts: "variants", parent: nil)
            case .refunds: Table(name: "integrations.remote_refunds", parts: "lines", parent: "remote_order_id")
            }
        }
    }

    /// Upserts a page of records in one statement (absent values travel as empty text); a record whose stored remote
    /// change is newer is left alone, and of two versions on one page the later one is kept. Answers how many rows were
    /// written.
    static func upsert<Record: RemoteRecord>(_ page: [Record], instance: IntegrationInstanceID, in transaction: Transaction) async throws -> Int {
        let records = page.lastByKey(\.remoteID)
        guard !records.isEmpty else { return 0 }
        let table = Table.of(Record.resource)
        let parentColumn = table.parent.map { ", \($0)" } ?? ""
        let parentValue = table.parent.map { _ in ", parent" } ?? ""
        let parentUpdate = table.parent.map { ", \($0) = EXCLUDED.\($0)" } ?? ""
        let rows = try await transaction.query(
            .dynamic(
                """
                INSERT INTO \(table.name) AS r
                    (tenant_id, instance_id, remote_id, remote_status, remote_created_at, remote_updated_at, payload, \(table.parts)\(parentColumn))
                SELECT $1, $2, remote_id, NULLIF(status, ''), NULLIF(created, '')::timestamptz, NULLIF(updated, '')::timestamptz, payload,
                       parts\(parentValue)
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                    AS page (remote_id, status, created, updated, payload, parts, parent)
                ON CONFLICT (tenant_id, instance_id, remote_id) DO UPDATE
                SET remote_status = EXCLUDED.remote_status, remote_created_at = EXCLUDED.remote_created_at,
                    remote_updated_at = EXCLUDED.remote_updated_at, payload = EXCLUDED.payload, \(table.parts) = EXCLUDED.\(table.parts),
                    last_seen_at = now()\(parentUpdate)
                WHERE r.remote_updated_at IS NULL OR EXCLUDED.remote_updated_at IS NULL OR EXCLUDED.remote_updated_at >= r.remote_updated_at
                RETURNING 1
                """, transaction.tenant.rawValue, instance.rawValue, records.map(\.remoteID), records.map { $0.status ?? "" },
                records.map { $0.createdAt.map(ISO8601.string(from:)) ?? "" }, records.map { $0.updatedAt.map(ISO8601.string(from:)) ?? "" },
                records.map { String(decoding: $0.payload.serialized(), as: UTF8.self) },
                records.map { String(decoding: JSONValue.array($0.parts).serialized(), as: UTF8.self) }, records.map { $0.parentID ?? "" }))
        var written = 0
        for try await _ in rows { written += 1 }
        return written
    }
}
