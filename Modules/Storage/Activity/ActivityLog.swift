import Foundation
import Kernel
import PostgresNIO

/// The activity log every context writes to in its own transaction and reads newest first.
public enum ActivityLog {
    @discardableResult
    public static func record(_ activity: NewActivity, in transaction: Transaction) async throws -> Int64 {
        let properties = String(decoding: try JSONEncoder().encode(activity.properties), as: UTF8.self)
        let rows = try await transaction.query(
            """
            INSERT INTO platform.activity_log (tenant_id, occurred_at, actor_type, actor_id, subject_type, subject_id, event, properties)
            VALUES (\(transaction.tenant.rawValue), COALESCE(\(activity.occurredAt), now()), \(activity.actorType), \(activity.actorID),
                    \(activity.subjectType), \(activity.subjectID), \(activity.event), \(properties)::jsonb)
            RETURNING id
            """)
        for try await id in rows.decode(Int64.self) { return id }
        preconditionFailure("INSERT … RETURNING returned no row")
    }

    /// Newest first; optionally only the entries about one subject.
    public static func list(
        subjectType: String? = nil, subjectID: String? = nil, page: PageRequest, in transaction: Transaction
    ) async throws -> Page<ActivityEntry> {
        var boundary: Int64?
        if let cursor = page.cursor {
            guard cursor.values.count == 1, case .int(let id) = cursor.values[0] else { throw PagingError.invalidCursor(cursor.encoded) }
            boundary = id
        }
        let newestFirst = page.direction == .forward
        let comparison = newestFirst ? "<" : ">"
        let order = newestFirst ? "DESC" : "ASC"
        // The cursor names the last row seen; its exact (occurred_at, id) is read back so no precision is lost.
        let sql = """
            SELECT id, occurred_at, actor_type, actor_id, subject_type, subject_id, event, properties::text
            FROM platform.activity_log
            WHERE tenant_id = $1
              AND ($2::text IS NULL OR subject_type = $2) AND ($3::text IS NULL OR subject_id = $3)
              AND ($4::int8 IS NULL OR (occurred_at, id) \(comparison) (
                  SELECT b.occurred_at, b.id FROM platform.activity_log b WHERE b.tenant_id = $1 AND b.id = $4))
            ORDER BY occurred_at \(order), id \(order)
            LIMIT $5
            """
        let rows = try await transaction.query(
            .dynamic(sql, transaction.tenant.rawValue, subjectType, subjectID, boundary, page.size + 1))
        var entries: [ActivityEntry] = []
        for try await (id, occurredAt, actorType, actorID, subjectType, subjectID, event, properties) in rows.decode(
            (Int64, Date, String, String?, String, String, String, String).self)
        {
            entries.append(
                ActivityEntry(
                    id: id, occurredAt: occurredAt, actorType: actorType, actorID: actorID, subjectType: subjectType,
                    subjectID: subjectID, event: event, properties: properties))
        }
        return Page(fetched: entries, request: page) { Cursor([.int($0.id)]) }
    }
}
