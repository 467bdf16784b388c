import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing

/// Every query whose cost grows with the data has an index behind it: with sequential scans disabled, the planner must
/// find an index that serves it (on empty tables it may prefer a sibling partial index to the one named, which is
/// recorded for the reader). The statements have the shape of the ones in `Persistence`/`Jobs` code.
@Suite struct QueryPlanTests {
    static let tenant = "'5d1c0f4e-0b7a-4c7e-9a51-3f1d7c2b9e01'"

    @Test(arguments: [
        (
            "jobs_ready",
            "SELECT tenant_id, id FROM platform.jobs WHERE state = 'pending' AND run_at <= now() ORDER BY priority DESC, run_at, id LIMIT 100 FOR UPDATE SKIP LOCKED"
        ),
        ("jobs_leases", "SELECT id FROM platform.jobs WHERE state = 'running' AND locked_until < now()"),
        ("jobs_by_worker", "SELECT id FROM platform.jobs WHERE state = 'running' AND locked_by = 'worker-1'"),
        ("jobs_tray", "SELECT id FROM platform.jobs WHERE tenant_id = \(tenant) AND tracked AND id < 1000 ORDER BY id DESC LIMIT 51"),
        ("jobs_unique_pending", "SELECT id FROM platform.jobs WHERE tenant_id = \(tenant) AND kind = 'k' AND unique_key = 'u' AND state = 'pending'"),
        (
            "jobs_finished",
            "SELECT tenant_id, id FROM platform.jobs WHERE state IN ('succeeded', 'cancelled') AND finished_at < now() - interval '7 days' LIMIT 5000"
        ),
        (
            "job_schedules_due",
            "SELECT tenant_id, id FROM platform.job_schedules WHERE enabled AND next_run_at <= now() ORDER BY next_run_at LIMIT 500"
        ),
        ("activity_log_newest", "SELECT id FROM platform.activity_log WHERE tenant_id = \(tenant) ORDER BY occurred_at DESC, id DESC LIMIT 51"),
        (
            "activity_log_subject",
            "SELECT id FROM platform.activity_log WHERE tenant_id = \(tenant) AND subject_type = 'Job' AND subject_id = '1' ORDER BY occurred_at DESC, id DESC LIMIT 51"
        ),
        ("machine_tokens_secret", "SELECT token_id FROM identity.machine_tokens WHERE secret_sha256 = 'abc'"),
        ("users_email", "SELECT user_id FROM identity.users WHERE lower(email) = lower('a@b.example')"),
    ])
    func theQueryUsesItsIndex(index: String, sql: String) async throws {
        try await TestDatabase.withFresh { environment in
            let plan = try await environment.ownerClient.withConnection { connection in
                try await connection.query("SET enable_seqscan = off", logger: environment.logger)
                var lines: [String] = []
                for try await line in try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN \(sql)"), logger: environment.logger).decode(
                    String.self)
                {
                    lines.append(line)
                }
                try await connection.query("RESET enable_seqscan", logger: environment.logger)
                return lines.joined(separator: "\n")
            }
            #expect(plan.contains("Index") && !plan.contains("Seq Scan"), "expected an index (\(index)) in:\n\(plan)")
        }
    }
}
