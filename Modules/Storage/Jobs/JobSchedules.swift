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
    public let lastEnqueuedAt: Date?
}

public enum JobSchedules {
    /// Creates or updates the schedule called `name` (e.g. `orders.pull:instance:42`); the first run is due at once
    /// unless `firstRunAt` says otherwise.
    public static func upsert<Payload: JobPayload>(
        name: String, payload: Payload, everyMinutes minutes: Int, firstRunAt: Date? = nil, in transaction: Transaction
    ) async throws {
        precondition(minutes > 0, "a schedule runs at least every minute")
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        try await transaction.query(
            """
            INSERT INTO platform.job_schedules (tenant_id, name, kind, payload, interval_minutes, next_run_at)
            VALUES (\(transaction.tenant.rawValue), \(name), \(Payload.kind), \(json)::jsonb, \(minutes), COALESCE(\(firstRunAt), now()))
            ON CONFLICT (tenant_id, name) DO UPDATE
            SET kind = EXCLUDED.kind, payload = EXCLUDED.payload, interval_minutes = EXCLUDED.interval_minutes,
                enabled = true, updated_at = now()
            """)
    }

    public static func remove(name: String, in transaction: Transaction) async throws {
        try await transaction.query(
            "DELETE FROM platform.job_schedules WHERE tenant_id = \(transaction.tenant.rawValue) AND name = \(name)")
    }

    public static func list(in transaction: Transaction) async throws -> [JobSchedule] {
        let rows = try await transaction.query(
            """
            SELECT name, kind, payload::text, interval_minutes, next_run_at, enabled, last_enqueued_at
            FROM platform.job_schedules WHERE tenant_id = \(transaction.tenant.rawValue) ORDER BY name
            """)
        var schedules: [JobSchedule] = []
        for try await (name, kind, payload, minutes, next, enabled, last) in rows.decode((String, String, String, Int, Date, Bool, Date?).self) {
            schedules.append(
                JobSchedule(
                    name: name, kind: kind, payload: payload, intervalMinutes: minutes, nextRunAt: next, enabled: enabled, lastEnqueuedAt: last))
        }
        return schedules
    }
}
