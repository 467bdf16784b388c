import Foundation
import Kernel
import Logging
import PostgresNIO

/// The worker side of the queue: claiming, completing, failing, leases and schedules. Runs in the system scope.
struct JobStore: Sendable {
    let database: Database
    let workerID: String
    let leaseSeconds: Double

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

    /// Records successes in one statement; a job whose lease this worker lost is left to its new owner.
    func complete(_ successes: [(ClaimedJob, JobResult)]) async throws {
        guard !successes.isEmpty else { return }
        let tenants = successes.map(\.0.tenantID.rawValue)
        let ids = successes.map(\.0.id.rawValue)
        let results = successes.map { $0.1.json ?? "" }
        try await self.database.withSystem { transaction in
            try await transaction.query(
                """
                UPDATE platform.jobs AS j
                SET state = 'succeeded', result = NULLIF(d.result, '')::jsonb,
                    progress_percent = CASE WHEN j.tracked THEN 100 ELSE j.progress_percent END,
                    locked_by = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
                FROM unnest(\(tenants)::uuid[], \(ids)::int8[], \(results)::text[]) AS d(tenant_id, id, result)
                WHERE j.tenant_id = d.tenant_id AND j.id = d.id AND j.state = 'running' AND j.locked_by = \(self.workerID)
                """)
        }
    }

    /// Sends a failed job back to `pending` after its backoff, or to `dead` when attempts are used up or the failure is
    /// permanent. If a newer pending job with the same unique key exists, this one is cancelled as superseded.
    func fail(_ job: ClaimedJob, error: String, retryInSeconds: Double, permanent: Bool) async throws {
        let message = String(error.prefix(4000))
        try await self.database.withSystem { transaction in
            let updated = try await transaction.query(
                """
                UPDATE platform.jobs AS j
                SET state = CASE WHEN \(permanent) OR j.attempts >= j.max_attempts THEN 'dead' ELSE 'pending' END,
                    run_at = CASE WHEN \(permanent) OR j.attempts >= j.max_attempts THEN j.run_at
                                  ELSE now() + make_interval(secs => \(retryInSeconds)) END,
                    finished_at = CASE WHEN \(permanent) OR j.attempts >= j.max_attempts THEN now() END,
                    last_error = \(message), locked_by = NULL, locked_until = NULL, updated_at = now()
                WHERE j.tenant_id = \(job.tenantID.rawValue) AND j.id = \(job.id.rawValue)
                  AND j.state = 'running' AND j.locked_by = \(self.workerID)
                  AND (j.unique_key IS NULL OR \(permanent) OR j.attempts >= j.max_attempts OR NOT EXISTS (
                      SELECT 1 FROM platform.jobs p
                      WHERE p.tenant_id = j.tenant_id AND p.kind = j.kind AND p.unique_key = j.unique_key AND p.state = 'pending'))
                RETURNING j.id
                """
            ).collect()
            if updated.isEmpty {
                try await transaction.query(
                    """
                    UPDATE platform.jobs
                    SET state = 'cancelled', finished_at = now(), locked_by = NULL, locked_until = NULL, updated_at = now(),
                        last_error = \(message + " (superseded by a pending job with the same unique key)")
                    WHERE tenant_id = \(job.tenantID.rawValue) AND id = \(job.id.rawValue)
                      AND state = 'running' AND locked_by = \(self.workerID)
                    """)
            }
        }
    }

    /// Extends the leases of every job this worker is running.
    func heartbeat() async throws {
        try await self.database.withSystem { transaction in
            try await transaction.query(
                """
                UPDATE platform.jobs SET locked_until = now() + make_interval(secs => \(self.leaseSeconds))
                WHERE state = 'running' AND locked_by = \(self.workerID)
                """)
        }
    }

    /// Jobs whose worker stopped renewing its lease (it crashed or was killed) run again, or die if out of attempts.
    /// Returns how many were reaped.
    @discardableResult
    func reapExpiredLeases() async throws -> Int {
        try await self.database.withSystem { transaction in
            let revived = try await transaction.query(
                """
                UPDATE platform.jobs AS j
                SET state = CASE WHEN j.attempts >= j.max_attempts THEN 'dead' ELSE 'pending' END,
                    finished_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END,
                    last_error = 'lease expired on worker ' || coalesce(j.locked_by, '?'),
                    run_at = now(), locked_by = NULL, locked_until = NULL, updated_at = now()
                WHERE j.state = 'running' AND j.locked_until < now()
                  AND (j.unique_key IS NULL OR j.attempts >= j.max_attempts OR NOT EXISTS (
                      SELECT 1 FROM platform.jobs p
                      WHERE p.tenant_id = j.tenant_id AND p.kind = j.kind AND p.unique_key = j.unique_key AND p.state = 'pending'))
                RETURNING j.id
                """
            ).collect().count
            let superseded = try await transaction.query(
                """
                UPDATE platform.jobs
                SET state = 'cancelled', finished_at = now(), locked_by = NULL, locked_until = NULL, updated_at = now(),
                    last_error = 'lease expired; superseded by a pending job with the same unique key'
                WHERE state = 'running' AND locked_until < now()
                RETURNING id
                """
            ).collect().count
            return revived + superseded
        }
    }

    /// Enqueues one job for every due schedule and moves each schedule to its next slot (skipping missed ones).
    @discardableResult
    func enqueueDueSchedules(limit: Int = 500) async throws -> Int {
        try await self.database.withSystem { transaction in
            try await transaction.query(
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
                    RETURNING s.tenant_id, s.id, s.kind, s.payload
                )
                INSERT INTO platform.jobs (tenant_id, kind, payload, unique_key, schedule_id)
                SELECT tenant_id, kind, payload, 'schedule:' || id, id FROM advanced
                ON CONFLICT (tenant_id, kind, unique_key) WHERE state = 'pending' AND unique_key IS NOT NULL DO NOTHING
                RETURNING id
                """
            ).collect().count
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
