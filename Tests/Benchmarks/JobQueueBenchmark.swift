import Foundation
import Kernel
import Logging
import PostgresNIO
import Storage
import Synchronization

struct Trivial: JobPayload {
    static let kind = "bench.trivial"
    var n: Int
}

/// Trivial jobs enqueued and completed per second by two workers, against the same work done in SQL alone by pgbench.
enum JobQueueBenchmark {
    static let jobs = 60_000
    static let enqueueBatch = 100

    static func run(_ database: BenchmarkDatabase, logger: Logger) async throws {
        try await database.reset()
        let concurrent = try await self.switchyard(database, backlogFirst: false, logger: logger)
        try await database.reset()
        let backlog = try await self.switchyard(database, backlogFirst: true, logger: logger)
        try await database.reset()
        let floor = try await self.sqlAlone(database, logger: logger)
        print(
            String(
                format: "job queue, 2 workers, %d trivial jobs enqueued (batches of %d) while being completed: %.0f jobs/s", Self.jobs,
                Self.enqueueBatch, concurrent))
        print(String(format: "  the same %d jobs enqueued first, then drained: %.0f jobs/s", Self.jobs, backlog))
        print(String(format: "same jobs in SQL alone (2 connections looping INSERT 100 / claim 100 SKIP LOCKED / complete 100): %.0f jobs/s", floor))
        print(String(format: "switchyard / SQL-alone: %.2f", concurrent / floor))
        try await database.printTopStatements()
    }

    /// Jobs per second from the first enqueue to the last outcome written.
    private static func switchyard(_ database: BenchmarkDatabase, backlogFirst: Bool, logger: Logger) async throws -> Double {
        let completed = Atomic(0)
        var registry = JobRegistry()
        registry.register(Trivial.self) { _, _ in
            completed.add(1, ordering: .relaxed)
            return .none
        }
        let tenant = TenantID.random()
        let handlers = registry
        return try await DatabaseAdministration.withClient(database.application, poolSize: 12, logger: logger) { client in
            let db = Database(client: client, logger: logger)
            var configuration = JobWorker.Configuration()
            configuration.concurrency = 200
            configuration.claimBatch = 100
            configuration.pollInterval = .milliseconds(50)
            let workers = (0..<2).map { _ in JobWorker(database: db, registry: handlers, configuration: configuration, logger: logger) }
            let start = ContinuousClock.now
            var running: [Task<Void, any Error>] = []
            if !backlogFirst { running = workers.map { worker in Task { try await worker.run() } } }
            for offset in stride(from: 0, to: Self.jobs, by: Self.enqueueBatch) {
                let payloads = (offset..<min(offset + Self.enqueueBatch, Self.jobs)).map { Trivial(n: $0) }
                try await db.withTenant(tenant) { try await JobQueue.enqueueBatch(payloads, in: $0) }
            }
            if backlogFirst { running = workers.map { worker in Task { try await worker.run() } } }
            // Wait in memory for the handlers, then for their outcomes to be written (the count is a full scan: poll it rarely).
            while completed.load(ordering: .relaxed) < Self.jobs {
                try await Task.sleep(for: .milliseconds(2))
            }
            while try await Self.unfinished(db) > 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            let elapsed = ContinuousClock.now - start
            workers.forEach { $0.stop() }
            for task in running { try await task.value }
            return Double(Self.jobs) / elapsed.seconds
        }
    }

    private static func unfinished(_ database: Database) async throws -> Int {
        try await database.withSystem { transaction in
            for try await count in try await transaction.query("SELECT count(*)::int FROM platform.jobs WHERE state <> 'succeeded'").decode(Int.self)
            {
                return count
            }
            return 0
        }
    }

    /// The floor: two plain connections each looping INSERT 100 jobs / claim 100 with SKIP LOCKED / mark those 100 done,
    /// as bare SQL with no queue machinery around it, for the same number of jobs.
    private static func sqlAlone(_ database: BenchmarkDatabase, logger: Logger) async throws -> Double {
        let tenant = UUID()
        let rounds = Self.jobs / 100 / 2
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<2 {
                group.addTask {
                    try await DatabaseAdministration.withConnection(to: database.owner, logger: logger) { connection in
                        let worker = "sql-\(client)"
                        for _ in 0..<rounds {
                            try await connection.query(
                                """
                                INSERT INTO platform.jobs (tenant_id, kind, payload)
                                SELECT \(tenant), 'bench.sql', '{"n": 1}' FROM generate_series(1, 100)
                                """, logger: logger)
                            var tenants: [UUID] = []
                            var ids: [Int64] = []
                            let claimed = try await connection.query(
                                """
                                UPDATE platform.jobs AS j SET state = 'running', attempts = j.attempts + 1, locked_by = \(worker),
                                    locked_until = now() + interval '5 minutes', updated_at = now()
                                FROM (SELECT tenant_id, id FROM platform.jobs WHERE state = 'pending' AND run_at <= now()
                                      ORDER BY priority DESC, run_at, id LIMIT 100 FOR UPDATE SKIP LOCKED) AS next
                                WHERE j.tenant_id = next.tenant_id AND j.id = next.id
                                RETURNING j.tenant_id, j.id
                                """, logger: logger)
                            for try await (claimedTenant, id) in claimed.decode((UUID, Int64).self) {
                                tenants.append(claimedTenant)
                                ids.append(id)
                            }
                            try await connection.query(
                                """
                                UPDATE platform.jobs AS j SET state = 'succeeded', locked_by = NULL, locked_until = NULL,
                                    finished_at = now(), updated_at = now()
                                FROM unnest(\(tenants)::uuid[], \(ids)::int8[]) AS d(tenant_id, id)
                                WHERE j.tenant_id = d.tenant_id AND j.id = d.id
                                """, logger: logger)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(rounds * 2 * 100) / (ContinuousClock.now - start).seconds
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18 }
}
