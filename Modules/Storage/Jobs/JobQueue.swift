import Foundation
import Kernel
import PostgresNIO

/// Enqueuing and reading jobs from inside a tenant's transaction: a job enqueued here exists
/// exactly when the caller's transaction commits.
public enum JobQueue {
    static let columns = """
        tenant_id, id, kind, state, payload::text, attempts, max_attempts, run_at, unique_key, tracked,
        progress_percent, progress_message, result::text, last_error, created_at, updated_at, finished_at
        """

    @discardableResult
    public static func enqueue<Payload: JobPayload>(
        _ payload: Payload, options: JobOptions = JobOptions(), in transaction: Transaction
    ) async throws -> EnqueuedJob {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        let tenant = transaction.tenant.rawValue
        let maxAttempts = options.maxAttempts ?? Payload.maxAttempts
        let inserted = try await transaction.query(
            """
            INSERT INTO platform.jobs (tenant_id, kind, payload, priority, run_at, max_attempts, unique_key, tracked, progress_percent)
            VALUES (\(tenant), \(Payload.kind), \(json)::jsonb, \(options.priority), COALESCE(\(options.runAt), now()),
                    \(maxAttempts), \(options.uniqueKey), \(Payload.isTracked), CASE WHEN \(Payload.isTracked) THEN 0 END)
            ON CONFLICT (tenant_id, kind, unique_key) WHERE state = 'pending' AND unique_key IS NOT NULL DO NOTHING
            RETURNING id
            """)
        for try await id in inserted.decode(Int64.self) {
            return EnqueuedJob(id: JobID(id), alreadyPending: false)
        }
        let existing = try await transaction.query(
            """
            SELECT id FROM platform.jobs
            WHERE tenant_id = \(tenant) AND kind = \(Payload.kind) AND unique_key = \(options.uniqueKey) AND state = 'pending'
            """)
        for try await id in existing.decode(Int64.self) {
            return EnqueuedJob(id: JobID(id), alreadyPending: true)
        }
        throw JobQueueError.uniqueKeyRace(kind: Payload.kind)
    }

    /// Enqueues many jobs of one kind in a single statement (bulk work, benchmarks); returns how many were added. With
    /// `uniqueKeys` (one per payload), a payload whose key already has a pending job of this kind is skipped; with
    /// `runAt` (one per payload), each runs no earlier than its time.
    @discardableResult
    public static func enqueueBatch<Payload: JobPayload>(
        _ payloads: [Payload], uniqueKeys: [String] = [], runAt: [Date] = [], in transaction: Transaction
    ) async throws -> Int {
        guard !payloads.isEmpty else { return 0 }
        precondition(uniqueKeys.isEmpty || uniqueKeys.count == payloads.count, "one unique key per payload")
        precondition(runAt.isEmpty || runAt.count == payloads.count, "one time per payload")
        let encoder = JSONEncoder()
        let documents = try payloads.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let rows = try await transaction.query(
            """
            INSERT INTO platform.jobs (tenant_id, kind, payload, run_at, max_attempts, unique_key, tracked, progress_percent)
            SELECT \(transaction.tenant.rawValue), \(Payload.kind), job.document::jsonb, COALESCE(job.run_at, now()), \(Payload.maxAttempts),
                   job.unique_key, \(Payload.isTracked), CASE WHEN \(Payload.isTracked) THEN 0 END
            FROM unnest(\(documents)::text[], \(uniqueKeys)::text[], \(runAt)::timestamptz[]) AS job(document, unique_key, run_at)
            ON CONFLICT (tenant_id, kind, unique_key) WHERE state = 'pending' AND unique_key IS NOT NULL DO NOTHING
            RETURNING id
            """)
        return try await rows.collect().count
    }

    public static func find(_ id: JobID, in transaction: Transaction) async throws -> JobRecord? {
        try await self.find(ids: [id], in: transaction).first
    }

    /// The jobs with these ids (any order; missing ones are left out).
    public static func find(ids: [JobID], in transaction: Transaction) async throws -> [JobRecord] {
        let rows = try await transaction.query(
            .dynamic(
                "SELECT \(Self.columns) FROM platform.jobs WHERE tenant_id = $1 AND id = ANY($2::int8[])", transaction.tenant.rawValue,
                ids.map(\.rawValue)))
        var jobs: [JobRecord] = []
        for try await row in rows { jobs.append(try JobRecord(row: row)) }
        return jobs
    }

    /// The job tray: tracked jobs matching `filter`, in `sort` order (newest first when none is given).
    public static func tray(
        filter: JobFilter? = nil, sort: [ListSort<JobSortField>] = [], page: PageRequest, in transaction: Transaction
    ) async throws -> Page<JobRecord> {
        let list = try self.trayList(filter: filter, sort: sort, page: page, tenant: transaction.tenant)
        return try await list.page(in: transaction) { try JobRecord(row: $0) }
    }

    /// How many tracked jobs match `filter`.
    public static func trayCount(filter: JobFilter? = nil, in transaction: Transaction) async throws -> Int {
        let list = try self.trayList(filter: filter, sort: [], page: PageRequest(), tenant: transaction.tenant)
        return try await list.count(in: transaction)
    }

    static func trayList(filter: JobFilter?, sort: [ListSort<JobSortField>], page: PageRequest, tenant: TenantID) throws -> KeysetPage {
        var conditions = SQLConditions()
        let tenantClause = "tenant_id = \(try conditions.bind(tenant.rawValue))"
        let filterClause = try conditions.compound(filter) { filter, conditions in
            [
                try conditions.string("kind", filter.kind), try conditions.enumeration("state", filter.state),
                try conditions.dateTime("created_at", filter.createdAt), try conditions.dateTime("updated_at", filter.updatedAt),
                try conditions.dateTime("finished_at", filter.finishedAt),
            ]
        }
        let keys = SortKey.keys(for: sort) { field, descending in
            switch field {
            case .createdAt: SortKey("created_at", .timestamp, descending: descending)
            case .updatedAt: SortKey("updated_at", .timestamp, descending: descending)
            case .kind: SortKey("kind", .text, descending: descending)
            case .state: SortKey("state", .text, descending: descending)
            case .id: nil
            }
        }
        return KeysetPage(
            table: "platform.jobs", columns: Self.columns, where: SQLConditions.all([tenantClause, "tracked", filterClause]) ?? tenantClause,
            conditions: conditions, keys: keys, page: page)
    }

    /// Pending jobs become cancelled; any other state is refused.
    public static func cancel(_ id: JobID, in transaction: Transaction) async throws {
        try await self.transition(id, from: [.pending], in: transaction, sql: "state = 'cancelled', finished_at = now()")
    }

    /// Dead or cancelled jobs are given a fresh set of attempts and run again as soon as possible.
    public static func retry(_ id: JobID, in transaction: Transaction) async throws {
        try await self.transition(
            id, from: [.dead, .cancelled], in: transaction,
            sql: "state = 'pending', attempts = 0, run_at = now(), finished_at = NULL, last_error = NULL")
    }

    private static func transition(_ id: JobID, from states: [JobState], in transaction: Transaction, sql: String) async throws {
        guard let job = try await self.find(id, in: transaction) else { throw JobQueueError.notFound(id) }
        guard states.contains(job.state) else { throw JobQueueError.invalidTransition(id, from: job.state) }
        let changed: Bool
        do {
            changed = try await !transaction.query(
                .dynamic(
                    "UPDATE platform.jobs SET \(sql), updated_at = now() WHERE tenant_id = $1 AND id = $2 AND state = $3 RETURNING id",
                    transaction.tenant.rawValue, id.rawValue, job.state.rawValue)
            ).collect().isEmpty
        } catch let error where SQLState(of: error)?.isUniqueViolation == true {
            throw JobQueueError.uniqueKeyPending(id, key: job.uniqueKey ?? "")
        }
        if !changed {
            // A worker or another request moved the job between reading and updating it.
            let now = try await self.find(id, in: transaction)?.state ?? job.state
            throw JobQueueError.invalidTransition(id, from: now)
        }
    }
}

/// Why a job operation was refused.
public enum JobQueueError: DomainError, Equatable {
    case notFound(JobID)
    case invalidTransition(JobID, from: JobState)
    case uniqueKeyRace(kind: String)
    case uniqueKeyPending(JobID, key: String)

    public var kind: DomainErrorKind {
        switch self {
        case .notFound: .notFound
        case .invalidTransition: .conflict
        case .uniqueKeyRace: .conflict
        case .uniqueKeyPending: .conflict
        }
    }

    public var code: String {
        switch self {
        case .notFound: "job_not_found"
        case .invalidTransition: "job_state_conflict"
        case .uniqueKeyRace: "job_unique_key_race"
        case .uniqueKeyPending: "job_unique_key_pending"
        }
    }

    public var message: String {
        switch self {
        case .notFound(let id): "Job \(id) does not exist."
        case .invalidTransition(let id, let state): "Job \(id) is \(state.rawValue); that change is not allowed from this state."
        case .uniqueKeyRace(let kind): "A \(kind) job with the same unique key finished while enqueuing; try again."
        case .uniqueKeyPending(let id, let key):
            "Job \(id) cannot run again while another job with its unique key '\(key)' is pending."
        }
    }
}
