import Foundation
import Kernel
import Logging
import PostgresNIO

/// The worker side of the queue: claiming, completing, failing, leases and schedules. Runs in the system scope.
struct JobStore: Sendable {
    let database: Database
    let workerID: String
    let leaseSeconds: Double

    static let longestRetryDelay: Double = 30 * 24 * 3600

    func claim(limit: Int) async throws -> [ClaimedJob] {
        try await self.database.withSystem { transaction in
            let rows = try await transaction.query(
                """
                UPDATE platform.jobs AS j
                SET state = 'running', attempts = j.attempts + 1, locked_by = \(self.workerID),
                    locked_until = now() + make_interval(secs => \(self.leaseSeconds)), updated_at = now()
                FROM (
                    SELECT tenant_id, id FROM platform.jobs
                    WHERE state = 'pending' AND run_at <= now()
                    ORDER BY priority DESC, run_at, id
                    LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                ) AS next
                WHERE j.tenant_id = next.tenant_id AND j.id = next.id
                RETURNING j.tenant_id, j.id, j.kind, j.payload::text, j.attempts, j.max_attempts
                """)
            var jobs: [ClaimedJob] = []
            for try await (tenant, id, kind, payload, attempts, maxAttempts) in rows.decode((UUID, Int64, String, String, Int, Int).self) {
                jobs.append(
                    ClaimedJob(id: JobID(id), tenantID: TenantID(tenant), kind: kind, payload: payload, attempt: attempts, maxAttempts: maxAttempts))
            }
            return jobs
        }
    }

    /// Records successes in one statement; a job whose lease this worker lost (or that another attempt now owns) is left
    /// to its new owner.
    func complete(_ successes: [(ClaimedJob, JobResult)]) async throws {
        guard !successes.isEmpty else { return }
        let tenants = successes.map(\.0.tenantID.rawValue)
        let ids = successes.map(\.0.id.rawValue)
        let attempts = successes.map(\.0.attempt)
        let results = successes.map { $0.1.json ?? "" }
        try await self.database.withSystem { transaction in
            try await transaction.query(
                """
                UPDATE platform.jobs AS j
                SET state = 'succeeded', result = NULLIF(d.result, '')::jsonb,
                    progress_percent = CASE WHEN j.tracked THEN 100 ELSE j.progress_percent END,
                    locked_by = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
                FROM unnest(\(tenants)::uuid[], \(ids)::int8[], \(attempts)::int4[], \(results)::text[]) AS d(tenant_id, id, attempt, result)
                WHERE j.tenant_id = d.tenant_id AND j.id = d.id AND j.attempts = d.attempt
                  AND j.state = 'running' AND j.locked_by = \(self.workerID)
                """)
        }
    }

    /// Sends a failed job back to `pending` after its backoff, or to `dead` when attempts are used up or the failure is
    /// permanent. If another job with the same unique key is already pending, this one is cancelled as superseded.
    func fail(_ job: ClaimedJob, error: String, retryInSeconds: Double, permanent: Bool) async throws {
        let message = JobErrorText.storable(error)
        // A delay parsed from a provider (Retry-After) may be anything; PostgreSQL refuses intervals out of range.
        let retryInSeconds = retryInSeconds.isFinite ? min(max(retryInSeconds, 0), Self.longestRetryDelay) : 0
        do {
            try await self.database.withSystem { transaction in
                try await transaction.query(
                    """
                    UPDATE platform.jobs AS j
                    SET state = CASE WHEN \(permanent) OR j.attempts >= j.max_attempts THEN 'dead' ELSE 'pending' END,
                        run_at = CASE WHEN \(permanent) OR j.attempts >= j.max_attempts THEN j.run_at
                                      ELSE now() + make_interval(secs => \(retryInSeconds)) END,
                        finished_at = CASE WHEN \(permanent) OR j.attempts >= j.max_attempts THEN now() END,
                        last_error = \(message), locked_by = NULL, locked_until = NULL, updated_at = now()
                    WHERE j.tenant_id = \(job.tenantID.rawValue) AND j.id = \(job.id.rawValue) AND j.attempts = \(job.attempt)
                      AND j.state = 'running' AND j.locked_by = \(self.workerID)
                    """)
            }
        } catch let error where SQLState(of: error)?.isUniqueViolation == true {
            try await self.database.withSystem { transaction in
                try await transaction.query(
                    """
                    UPDATE platform.jobs
                    SET state = 'cancelled', finished_at = now(), locked_by = NULL, locked_until = NULL, updated_at = now(),
                        last_error = \(message + " (superseded by a pending job with the same unique key)")
                    WHERE tenant_id = \(job.tenantID.rawValue) AND id = \(job.id.rawValue) AND attempts = \(job.attempt)
                      AND state = 'running' AND locked_by = \(self.workerID)
                    """)
            }
        }
    }

    /// Extends the leases of the jobs this worker holds (claimed, outcome not yet written); jobs whose outcome it gave up
    /// writing keep their lease running out, so that another worker picks them up.
    func heartbeat(_ jobs: [RunningJobs.Key]) async throws {
        guard !jobs.isEmpty else { return }
        let tenants = jobs.map(\.tenantID.rawValue)
        let ids = jobs.map(\.id.rawValue)
        let attempts = jobs.map(\.attempt)
        try await self.database.withSystem { transaction in
            try await transaction.query(
                """
                UPDATE platform.jobs AS j SET locked_until = now() + make_interval(secs => \(self.leaseSeconds))
                FROM unnest(\(tenants)::uuid[], \(ids)::int8[], \(attempts)::int4[]) AS d(tenant_id, id, attempt)
                WHERE j.tenant_id = d.tenant_id AND j.id = d.id AND j.attempts = d.attempt
                  AND j.state = 'running' AND j.locked_by = \(self.workerID)
                """)
        }
    }

    /// Jobs whose worker stopped renewing its lease (it crashed or was killed) run again, or die if out of attempts.
    /// Of several expired jobs sharing a unique key only the newest runs again, and none does while another job with
    /// that key is pending: the others are cancelled as superseded. Returns how many were reaped.
    @discardableResult
    func reapExpiredLeases(limit: Int = 1000) async throws -> Int {
        try await self.database.withSystem { transaction in
            try await transaction.query(
                """
                WITH expired AS (
                    SELECT tenant_id, id, kind, unique_key, attempts >= max_attempts AS exhausted FROM platform.jobs
                    WHERE state = 'running' AND locked_until < now()
                    ORDER BY locked_until LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                ), decided AS (
                    SELECT e.tenant_id, e.id,
                        CASE WHEN e.exhausted THEN 'dead'
                             WHEN e.unique_key IS NOT NULL AND (
                                 row_number() OVER (PARTITION BY e.tenant_id, e.kind, e.unique_key, e.exhausted ORDER BY e.id DESC) > 1
                                 OR EXISTS (
                                     SELECT 1 FROM platform.jobs p
                                     WHERE p.tenant_id = e.tenant_id AND p.kind = e.kind AND p.unique_key = e.unique_key
                                       AND p.state = 'pending'))
                                 THEN 'cancelled'
                             ELSE 'pending' END AS next_state
                    FROM expired e
                )
                UPDATE platform.jobs AS j
                SET state = d.next_state,
                    finished_at = CASE WHEN d.next_state = 'pending' THEN NULL ELSE now() END,
                    run_at = CASE WHEN d.next_state = 'pending' THEN now() ELSE j.run_at END,
                    last_error = 'lease expired on worker ' || coalesce(j.locked_by, '?')
                        || CASE WHEN d.next_state = 'cancelled' THEN '; superseded by another job with the same unique key' ELSE '' END,
                    locked_by = NULL, locked_until = NULL, updated_at = now()
                FROM decided d
                WHERE j.tenant_id = d.tenant_id AND j.id = d.id
                RETURNING j.id
                """
            ).collect().count
        }
    }

    /// Enqueues one job for every due schedule, with the schedule's attempts and tracking, moves each schedule to its
    /// next slot (skipping missed ones) and remembers the job it enqueued. A schedule whose previous job is still
    /// pending gets no second one.
    @discardableResult
    func enqueueDueSchedules(limit: Int = 500) async throws -> Int {
        try await self.database.withSystem { transaction in
            let enqueued = try await transaction.query(
                """
                WITH due AS (
                    SELECT tenant_id, id FROM platform.job_schedules
                    WHERE enabled AND next_run_at <= now()
                    ORDER BY next_run_at LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                ), advanced AS (
                    UPDATE platform.job_schedules AS s
                    SET next_run_at = CASE
                            WHEN s.next_run_at + make_interval(mins => s.interval_minutes) > now()
                                THEN s.next_run_at + make_interval(mins => s.interval_minutes)
                            ELSE now() + make_interval(mins => s.interval_minutes) END,
                        last_enqueued_at = now(), updated_at = now()
                    FROM due WHERE s.tenant_id = due.tenant_id AND s.id = due.id
                    RETURNING s.tenant_id, s.id, s.kind, s.payload, s.max_attempts, s.tracked
                )
                INSERT INTO platform.jobs (tenant_id, kind, payload, unique_key, schedule_id, max_attempts, tracked, progress_percent)
                SELECT tenant_id, kind, payload, 'schedule:' || id, id, max_attempts, tracked, CASE WHEN tracked THEN 0 END
                FROM advanced
                ON CONFLICT (tenant_id, kind, unique_key) WHERE state = 'pending' AND unique_key IS NOT NULL DO NOTHING
                RETURNING tenant_id, schedule_id, id
                """)
            var tenants: [UUID] = []
            var schedules: [Int64] = []
            var jobs: [Int64] = []
            for try await (tenant, schedule, job) in enqueued.decode((UUID, Int64, Int64).self) {
                tenants.append(tenant)
                schedules.append(schedule)
                jobs.append(job)
            }
            guard !jobs.isEmpty else { return 0 }
            try await transaction.query(
                """
                UPDATE platform.job_schedules AS s SET last_job_id = d.job_id
                FROM unnest(\(tenants)::uuid[], \(schedules)::int8[], \(jobs)::int8[]) AS d(tenant_id, id, job_id)
                WHERE s.tenant_id = d.tenant_id AND s.id = d.id
                """)
            return jobs.count
        }
    }

    /// Deletes succeeded and cancelled jobs finished more than `retentionDays` ago, a bounded slice at a time.
    @discardableResult
    func pruneFinished(retentionDays: Int, limit: Int = 5000) async throws -> Int {
        try await self.database.withSystem { transaction in
            try await transaction.query(
                """
                DELETE FROM platform.jobs WHERE (tenant_id, id) IN (
                    SELECT tenant_id, id FROM platform.jobs
                    WHERE state IN ('succeeded', 'cancelled') AND finished_at < now() - make_interval(days => \(retentionDays)::int)
                    LIMIT \(limit))
                RETURNING id
                """
            ).collect().count
        }
    }
}
