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

    /// The entries matching `filter`, newest first (or oldest first).
    public static func list(
        filter: ActivityFilter? = nil, newestFirst: Bool = true, page: PageRequest, in transaction: Transaction
    ) async throws -> Page<ActivityEntry> {
        let list = try self.list(filter: filter, newestFirst: newestFirst, page: page, tenant: transaction.tenant)
        return try await list.page(in: transaction) { try ActivityEntry(row: $0) }
    }

    /// The entries with these ids (any order; missing ones are left out).
    public static func find(ids: [Int64], in transaction: Transaction) async throws -> [ActivityEntry] {
        let rows = try await transaction.query(
            .dynamic(
                "SELECT \(Self.columns) FROM platform.activity_log WHERE tenant_id = $1 AND id = ANY($2::int8[])", transaction.tenant.rawValue, ids
            ))
        var entries: [ActivityEntry] = []
        for try await row in rows { entries.append(try ActivityEntry(row: row)) }
        return entries
    }

    private static let columns = "id, occurred_at, actor_type, actor_id, subject_type, subject_id, event, properties::text"

    /// How many entries match `filter`.
    public static func count(filter: ActivityFilter? = nil, in transaction: Transaction) async throws -> Int {
        let list = try self.list(filter: filter, newestFirst: true, page: PageRequest(), tenant: transaction.tenant)
        return try await list.count(in: transaction)
    }

    static func list(filter: ActivityFilter?, newestFirst: Bool, page: PageRequest, tenant: TenantID) throws -> KeysetPage {
        var conditions = SQLConditions()
        let tenantClause = "tenant_id = \(try conditions.bind(tenant.rawValue))"
        let filterClause = try conditions.compound(filter) { filter, conditions in
            [
                try conditions.string("subject_type", filter.subjectType), try conditions.string("subject_id", filter.subjectId),
                try conditions.string("event", filter.event), try conditions.string("actor_type", filter.actorType),
                try conditions.string("actor_id", filter.actorId), try conditions.dateTime("occurred_at", filter.occurredAt),
            ]
        }
        return KeysetPage(
            table: "platform.activity_log",
            columns: Self.columns,
            where: SQLConditions.all([tenantClause, filterClause]) ?? tenantClause, conditions: conditions,
            keys: [SortKey("occurred_at", .timestamp, descending: newestFirst), SortKey("id", .int64, descending: newestFirst)], page: page)
    }
}

extension ActivityEntry {
    /// Decodes a row selected with `ActivityLog.columns`.
    init(row: PostgresRow) throws {
        let (id, occurredAt, actorType, actorID, subjectType, subjectID, event, properties) = try row.decode(
            (Int64, Date, String, String?, String, String, String, String).self)
        self.init(
            id: id, occurredAt: occurredAt, actorType: actorType, actorID: actorID, subjectType: subjectType, subjectID: subjectID, event: event,
            properties: properties)
    }
}
