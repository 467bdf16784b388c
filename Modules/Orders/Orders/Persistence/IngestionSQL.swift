import Kernel
import PostgresNIO
import Storage

/// SQL the order and refund stores share: the guarded upsert of a page, column lists read by `jsonb_to_recordset`, the
/// expansion of a record's `lines` array, line replacement and the ERP's acknowledgement.
enum IngestionSQL {
    typealias Column = (name: String, type: String)

    static func definitions(_ columns: [Column]) -> String {
        columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
    }

    /// Upserts the JSON rows of a page into `table`, keyed by (tenant, instance, `key`), writing `columns` (and, on an
    /// update, the assignments `alsoSet`); a row whose stored `last_remote_update_at` is newer is left alone. Answers the
    /// ids of the rows written.
    static func upsert(
        into table: String, key: String, columns: [Column], alsoSet: [String] = [], rows json: String, instance: Int64, provider: Provider,
        in transaction: Transaction
    ) async throws -> [Int64] {
        let names = columns.map(\.name)
        return try await Self.ids(
            transaction.query(
                .dynamic(
                    """
                    INSERT INTO \(table) AS stored (tenant_id, instance_id, provider, \(key), \(names.joined(separator: ", ")))
                    SELECT $1, $2, $3, r.\(key), \(names.map { "r.\($0)" }.joined(separator: ", "))
                    FROM jsonb_to_recordset($4::jsonb) AS r (\(key) text, \(Self.definitions(columns)))
                    ON CONFLICT (tenant_id, instance_id, \(key)) DO UPDATE
                    SET \((names.map { "\($0) = EXCLUDED.\($0)" } + alsoSet).joined(separator: ", ")), provider = EXCLUDED.provider, updated_at = now()
                    WHERE stored.last_remote_update_at IS NULL OR EXCLUDED.last_remote_update_at IS NULL
                        OR EXCLUDED.last_remote_update_at >= stored.last_remote_update_at
                    RETURNING stored.id
                    """, transaction.tenant.rawValue, instance, provider.rawValue, json)))
    }

    /// A lateral `line` relation over `r.lines`: its position (from 0) and its fields typed as `columns`.
    static func lines(_ columns: [Column]) -> String {
        """
        CROSS JOIN LATERAL (
            SELECT (ordinality - 1)::integer AS position, fields.*
            FROM jsonb_array_elements(r.lines) WITH ORDINALITY AS element (value, ordinality)
            CROSS JOIN LATERAL jsonb_to_record(element.value) AS fields (\(Self.definitions(columns)))
        ) AS line
        """
    }

    /// Deletes the lines of the records just written, before their new lines go in.
    static func clearLines(_ table: String, parent: String, of ids: [Int64], in transaction: Transaction) async throws {
        try await transaction.query(.dynamic("DELETE FROM \(table) WHERE tenant_id = $1 AND \(parent) = ANY($2)", transaction.tenant.rawValue, ids))
    }

    /// Marks records as imported by the ERP, keeping the first acknowledgement's time; answers how many of the ids exist.
    static func acknowledge(_ table: String, _ ids: [Int64], in transaction: Transaction) async throws -> Int {
        let rows = try await transaction.query(
            .dynamic(
                """
                UPDATE \(table) SET imported_to_erp = true, imported_at = coalesce(imported_at, now())
                WHERE tenant_id = $1 AND id = ANY($2) RETURNING 1
                """, transaction.tenant.rawValue, ids))
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    static func ids(_ rows: PostgresRowSequence) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }
}
