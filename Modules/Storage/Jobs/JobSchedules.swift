import Foundation
import Kernel
import PostgresNIO

/// A recurring job: every `intervalMinutes`, one job of `kind` with `payload` is enqueued for the tenant
/// (never a second one while the previous is still pending).
public struct JobSchedule: Sendable, Equatable {
    public let name: String
    public let kind: String
    public let payload: String
    public let intervalMinutes: Int
    public let nextRunAt: Date
    public let enabled: Bool
    public let maxAttempts: Int
    public let isTracked: Bool
    public let lastEnqueuedAt: Date?
    /// The job most recently enqueued for this schedule.
    public let lastJobID: JobID?
}

public enum JobSchedules {
    /// Creates or updates the schedule called `name` (e.g. `orders.pull:instance:42`); the first run is due at once
    /// unless `firstRunAt` says otherwise. Changing the interval of an existing schedule moves its next run to one new
    /// interval after its last run (at once if that has passed; a schedule that never ran keeps its first run);
    /// `firstRunAt` given on an update moves it there.
    public static func upsert<Payload: JobPayload>(
        name: String, payload: Payload, everyMinutes minutes: Int, firstRunAt: Date? = nil, in transaction: Transaction
    ) async throws {
        precondition(minutes > 0, "a schedule runs at least every minute")
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        try await transaction.query(
            """
            INSERT INTO platform.job_schedules (tenant_id, name, kind, payload, interval_minutes, next_run_at, max_attempts, tracked)
            VALUES (\(transaction.tenant.rawValue), \(name), \(Payload.kind), \(json)::jsonb, \(minutes), COALESCE(\(firstRunAt), now()),
                    \(Payload.maxAttempts), \(Payload.isTracked))
            ON CONFLICT (tenant_id, name) DO UPDATE
            SET kind = EXCLUDED.kind, payload = EXCLUDED.payload, interval_minutes = EXCLUDED.interval_minutes,
                max_attempts = EXCLUDED.max_attempts, tracked = EXCLUDED.tracked, enabled = true, updated_at = now(),
                next_run_at = CASE
                    WHEN \(firstRunAt)::timestamptz IS NOT NULL THEN \(firstRunAt)::timestamptz
                    WHEN job_schedules.interval_minutes <> EXCLUDED.interval_minutes
                        THEN GREATEST(
                            now(),
                            COALESCE(
                                job_schedules.last_enqueued_at + make_interval(mins => EXCLUDED.interval_minutes), job_schedules.next_run_at))
                    ELSE job_schedules.next_run_at END
            """)
    }

    public static func remove(name: String, in transaction: Transaction) async throws {
        try await transaction.query(
            "DELETE FROM platform.job_schedules WHERE tenant_id = \(transaction.tenant.rawValue) AND name = \(name)")
    }

    public static func list(in transaction: Transaction) async throws -> [JobSchedule] {
        let rows = try await transaction.query(
            """
            SELECT name, kind, payload::text, interval_minutes, next_run_at, enabled, max_attempts, tracked, last_enqueued_at, last_job_id
            FROM platform.job_schedules WHERE tenant_id = \(transaction.tenant.rawValue) ORDER BY name
            """)
        var schedules: [JobSchedule] = []
        for try await (name, kind, payload, minutes, next, enabled, maxAttempts, tracked, last, lastJob) in rows.decode(
            (String, String, String, Int, Date, Bool, Int, Bool, Date?, Int64?).self)
        {
            schedules.append(
                JobSchedule(
                    name: name, kind: kind, payload: payload, intervalMinutes: minutes, nextRunAt: next, enabled: enabled,
                    maxAttempts: maxAttempts, isTracked: tracked, lastEnqueuedAt: last, lastJobID: lastJob.map(JobID.init)))
        }
        return schedules
    }
}
